import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { REASON_CODES } from '@otc/contracts';
import type { OktaTelephonyAnswer } from './okta-answer';

/** Thrown by HookThrottleGuard; answered by HookThrottledFilter in Okta's error shape. */
export class HookThrottledError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('Too many hook requests for this token');
    this.name = 'HookThrottledError';
  }
}

/** Okta reads `error`; a 429 with its shape shows in Okta's hook log instead of a generic failure. */
export function hookThrottledAnswer(): OktaTelephonyAnswer {
  return {
    error: {
      errorSummary: REASON_CODES.HOOK_THROTTLED.endUserMessage,
      errorCauses: [{ errorSummary: 'Too many requests for this token; slow down.', reason: 'HOOK_THROTTLED', domain: 'telephony' }],
    },
  };
}

/** Controller-scoped, so it wins over the global ErrorFilter for this one error only. */
@Catch(HookThrottledError)
export class HookThrottledFilter implements ExceptionFilter<HookThrottledError> {
  catch(error: HookThrottledError, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    void reply.status(HttpStatus.TOO_MANY_REQUESTS).header('retry-after', String(error.retryAfterSeconds)).send(hookThrottledAnswer());
  }
}
