import { CanActivate, ExecutionContext, Inject, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { verifyVonageSignature } from './vonage-signature';

/** Set by the hooks' raw-body capture: the exact bytes Vonage signed. */
export type RawBodyRequest = FastifyRequest & { rawBody?: string };

/** Rejects Vonage callbacks that are unsigned or wrongly signed, before the body is used. */
@Injectable()
export class VonageCallbackGuard implements CanActivate {
  private readonly logger = new Logger(VonageCallbackGuard.name);
  private warnedNoSecret = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<RawBodyRequest>();
    if (!this.config.vonageSignatureSecret && !this.warnedNoSecret) {
      this.warnedNoSecret = true;
      this.logger.error('VONAGE_SIGNATURE_SECRET is not set: every Vonage status callback is refused with 401');
    }
    const raw = request.rawBody ?? (request.body === undefined ? '' : JSON.stringify(request.body));
    const header = request.headers.authorization;
    const check = verifyVonageSignature(Array.isArray(header) ? header[0] : header, raw, this.config.vonageSignatureSecret);
    if (!check.ok) throw new UnauthorizedException(`Vonage callback refused: ${check.reason}`);
    return true;
  }
}
