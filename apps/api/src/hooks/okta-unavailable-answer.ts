import { Catch, HttpStatus } from '@nestjs/common';
import { REASON_CODES } from '@otc/contracts';
import type { ApiErrorBody } from '@otc/contracts';
import type { FastifyReply } from 'fastify';
import { ErrorFilter } from '../common/error-filter';
import type { OktaTelephonyAnswer } from './okta-answer';

/**
 * Okta's answer when the connector cannot record a call (database down, or an unexpected error).
 * With anything but 200 Okta uses its own providers; the error body shows in its hook log.
 */
export function serviceUnavailableAnswer(errorId: string): OktaTelephonyAnswer {
  return {
    error: {
      errorSummary: REASON_CODES.SERVICE_UNAVAILABLE.endUserMessage,
      errorCauses: [
        {
          errorSummary: `The connector could not complete this call (database unavailable or internal error); error id ${errorId}.`,
          reason: 'SERVICE_UNAVAILABLE',
          domain: 'telephony',
        },
      ],
    },
  };
}

/**
 * On Okta's hooks every server-side failure is a 503 in Okta's error shape (reason SERVICE_UNAVAILABLE),
 * so Okta falls back to its own providers at once instead of reading a 500. Client errors keep the usual body.
 */
@Catch()
export class OktaHookErrorFilter extends ErrorFilter {
  protected override send(reply: FastifyReply, body: ApiErrorBody): void {
    if (body.statusCode < 500) return super.send(reply, body);
    void reply.status(HttpStatus.SERVICE_UNAVAILABLE).send(serviceUnavailableAnswer(body.errorId ?? 'none'));
  }
}
