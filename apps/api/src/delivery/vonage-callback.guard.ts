import { CanActivate, ExecutionContext, Inject, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { CallbackReplayRepository } from './callback-replay.repository';
import { CALLBACK_MAX_AGE_MS, verifyVonageSignature } from './vonage-signature';

/** Set by the hooks' raw-body capture: the exact bytes Vonage signed. */
export type RawBodyRequest = FastifyRequest & { rawBody?: string };

/** Rejects Vonage callbacks that are unsigned, wrongly signed, stale or replayed, before the body is used. */
@Injectable()
export class VonageCallbackGuard implements CanActivate {
  private readonly logger = new Logger(VonageCallbackGuard.name);
  private warnedNoSecret = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly replays: CallbackReplayRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RawBodyRequest>();
    if (!this.config.vonageSignatureSecret && !this.warnedNoSecret) {
      this.warnedNoSecret = true;
      this.logger.error('VONAGE_SIGNATURE_SECRET is not set: every Vonage status callback is refused with 401');
    }
    const raw = request.rawBody ?? (request.body === undefined ? '' : JSON.stringify(request.body));
    const header = request.headers.authorization;
    const check = await verifyVonageSignature(Array.isArray(header) ? header[0] : header, raw, this.config.vonageSignatureSecret);
    if (!check.ok) throw new UnauthorizedException(`Vonage callback refused: ${check.reason}`);
    const rememberUntil = new Date(check.issuedAt.getTime() + CALLBACK_MAX_AGE_MS);
    if (!(await this.replays.firstUse(check.jti, rememberUntil))) throw new UnauthorizedException('Vonage callback refused: token already used (jti seen before)');
    return true;
  }
}
