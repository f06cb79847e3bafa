import { CanActivate, ExecutionContext, Inject, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import type { RawBodyRequest } from '../common/json-body-parser';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { CallbackTokenUse } from './activity.repository';
import { CALLBACK_MAX_AGE_MS, verifyVonageSignature } from './vonage-signature';

/** A callback the guard let through: its token, for the replay check where the callback is applied. */
export type SignedCallbackRequest = RawBodyRequest & { vonageToken?: CallbackTokenUse };

/**
 * Rejects Vonage callbacks that are unsigned, wrongly signed or stale, before the body is used. Replays
 * are refused by StatusCallbackService, in the statement that applies the callback (one round trip).
 */
@Injectable()
export class VonageCallbackGuard implements CanActivate {
  private readonly logger = new Logger(VonageCallbackGuard.name);
  private warnedNoSecret = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<SignedCallbackRequest>();
    if (!this.config.vonageSignatureSecret && !this.warnedNoSecret) {
      this.warnedNoSecret = true;
      this.logger.error('VONAGE_SIGNATURE_SECRET is not set: every Vonage status callback is refused with 401');
    }
    const raw = request.rawBody ?? (request.body === undefined ? '' : JSON.stringify(request.body));
    const header = request.headers.authorization;
    const check = await verifyVonageSignature(Array.isArray(header) ? header[0] : header, raw, this.config.vonageSignatureSecret);
    if (!check.ok) throw new UnauthorizedException(`Vonage callback refused: ${check.reason}`);
    request.vonageToken = { jti: check.jti, rememberUntil: new Date(check.issuedAt.getTime() + CALLBACK_MAX_AGE_MS) };
    return true;
  }
}
