import { REASON_CODES, ReasonCode, TokenPolicy } from '@otc/contracts';

export const TELEPHONY_ACTION = 'com.okta.telephony.action';

export interface OktaTelephonyAnswer {
  commands?: Array<{ type: string; value: Array<Record<string, string>> }>;
  error?: { errorSummary: string; errorCauses: Array<Record<string, string>> };
}

/** The provider name Okta shows; sandbox mode says so in every answer. */
export function providerName(sandbox: boolean): string {
  return sandbox ? 'VONAGE-SANDBOX' : 'VONAGE';
}

/** Okta shows `transactionMetadata` in its logs; keep it short and free of personal data. */
export function successAnswer(provider: string, transactionId: string, metadata: string): OktaTelephonyAnswer {
  return {
    commands: [
      {
        type: TELEPHONY_ACTION,
        value: [{ status: 'SUCCESSFUL', provider, transactionId, transactionMetadata: metadata.slice(0, 200) }],
      },
    ],
  };
}

/**
 * A deliberate refusal under NO_DELIVERY: shaped as a success so that Okta does not send the code
 * through its own providers (any error, FAILED or timeout makes it fall back), with nothing sent.
 */
export function noDeliveryAnswer(provider: string, attemptId: string, reasonCode: ReasonCode): OktaTelephonyAnswer {
  return successAnswer(provider, `refused-${attemptId}`, `refused: ${reasonCode}; nothing sent`);
}

/**
 * What a refusal answers, as the token's policy says. An invalid number is always an error: no
 * provider can deliver to it, and Okta then tells the user to check the number.
 */
export function refusalAnswer(policy: TokenPolicy, provider: string, attemptId: string, reasonCode: ReasonCode): OktaTelephonyAnswer {
  if (policy.refusalAnswer === 'NO_DELIVERY' && reasonCode !== 'INVALID_NUMBER') return noDeliveryAnswer(provider, attemptId, reasonCode);
  return errorAnswer(reasonCode);
}

/**
 * A refusal or failure: an `error` object whose summary Okta shows to the end user. Okta then
 * falls back to its own providers, so a blocked number is better answered with an error than silence.
 */
export function errorAnswer(reasonCode: ReasonCode, detail?: string): OktaTelephonyAnswer {
  const entry = REASON_CODES[reasonCode];
  const summary = ('endUserMessage' in entry && entry.endUserMessage) || 'The code could not be sent.';
  return {
    error: {
      errorSummary: summary,
      errorCauses: [
        { errorSummary: entry.description, reason: reasonCode, locationType: 'body', location: 'data.messageProfile', domain: 'telephony' },
        ...(detail ? [{ errorSummary: detail.slice(0, 200), reason: reasonCode, domain: 'telephony' }] : []),
      ],
    },
  };
}

/** Answer for a request that could not be read: Okta-shaped, with the field that was wrong. */
export function invalidRequestAnswer(errors: Array<{ field: string; message: string }>): OktaTelephonyAnswer {
  return {
    error: {
      errorSummary: 'The code could not be sent. Try again.',
      errorCauses: errors.map((e) => ({ errorSummary: e.message, reason: 'INVALID_REQUEST', locationType: 'body', location: e.field, domain: 'telephony' })),
    },
  };
}
