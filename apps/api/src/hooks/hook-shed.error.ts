import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import type { OktaTelephonyAnswer } from './okta-answer';

/**
 * Thrown by HookThrottleGuard for a request the fraud guard already refuses while its token is
 * flooded: answered at once, as the token's policy says refusals are answered, without a record.
 */
export class HookShedError extends Error {
  constructor(readonly answer: OktaTelephonyAnswer) {
    super('Request from a refused scope shed while the token is over its hook throttle');
    this.name = 'HookShedError';
  }
}

@Catch(HookShedError)
export class HookShedFilter implements ExceptionFilter<HookShedError> {
  catch(error: HookShedError, host: ArgumentsHost): void {
    void host.switchToHttp().getResponse<FastifyReply>().status(HttpStatus.OK).send(error.answer);
  }
}
