import { INSIGHT_STATUS_DESCRIPTIONS, REASON_CODES, REASON_CODE_LIST } from '@otc/contracts';

/** The reason-code tables for the OpenAPI description at /docs, built from the one source the dashboard uses too. */
export function reasonCodeDocs(): string {
  const reasons = REASON_CODE_LIST.map((code) => {
    const entry = REASON_CODES[code];
    return `| \`${code}\` | ${entry.description} | ${entry.endUserMessage ?? '(nothing shown)'} |`;
  });
  const insights = Object.entries(INSIGHT_STATUS_DESCRIPTIONS).map(([code, text]) => `| \`${code}\` | ${text} |`);
  return [
    'Admin REST API, Okta hooks and Vonage callbacks of the Okta telephony connector.',
    '',
    '### Reason codes',
    'Every OTP attempt records one primary reason code and a flag per finding.',
    '',
    '| code | meaning | shown to the Okta end user |',
    '|---|---|---|',
    ...reasons,
    '',
    '### Identity Insights statuses',
    '| status | effect on screening |',
    '|---|---|',
    ...insights,
  ].join('\n');
}
