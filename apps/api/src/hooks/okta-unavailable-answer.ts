import { REASON_CODES } from '@otc/contracts';
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
