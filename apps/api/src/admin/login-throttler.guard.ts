import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { ThrottlerLimitDetail, ThrottlerModuleOptions } from '@nestjs/throttler';

/**
 * Sign-in attempts per client address, right or wrong: slows down guessing the Vonage secret. The
 * library's per-throttler headers (`retry-after-login-minute`) are off: clients read the standard
 * `Retry-After`, set on refusal by the guard below.
 */
export const LOGIN_THROTTLES: ThrottlerModuleOptions = {
  setHeaders: false,
  throttlers: [
    { name: 'login-minute', ttl: 60_000, limit: 5 },
    { name: 'login-hour', ttl: 3_600_000, limit: 20 },
  ],
};

/** Applied with @UseGuards on the login route only; not global, so no other route is throttled by it. */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    // Fastify's request.ip already honours trustProxy.
    return typeof request.ip === 'string' ? request.ip : 'unknown';
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const { res } = this.getRequestResponse(context);
    // Seconds until this address may try again (RFC 9110 §10.2.3), whichever window refused it.
    this.setResponseHeader(res, 'Retry-After', Math.max(1, Math.ceil(detail.timeToBlockExpire)));
    return super.throwThrottlingException(context, detail);
  }
}
