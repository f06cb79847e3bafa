import { spendAlertThreshold, type TokenPolicy } from '@otc/contracts';

function insightsLine(insights: TokenPolicy['insights']): string {
  if (!insights.enabled) return 'Off: numbers are not looked up';
  const checks = [insights.formatValidity && 'format validity', insights.originalCarrier && 'original carrier', insights.currentCarrier && 'current carrier'].filter(Boolean);
  const unavailable = insights.onUnavailable === 'BLOCK' ? 'refuse when Insights is unavailable' : 'deliver and flag when Insights is unavailable';
  return `${checks.length > 0 ? checks.join(', ') : 'no checks ticked'}; ${unavailable}`;
}

function networkLine(insights: TokenPolicy['insights']): string {
  const lookup = insights.enabled && (insights.originalCarrier || insights.currentCarrier);
  const types = insights.allowedNetworkTypes.map((t) => t.toLowerCase()).join(', ') || 'none';
  return `Allowed: ${types} (numbering plan${lookup ? ', refined by a carrier lookup' : ''})`;
}

const FRAUD_GUARD: Record<TokenPolicy['fraudGuard']['mode'], string> = {
  ENFORCE: 'Enforce: refuses where codes are not being used',
  SHADOW: 'Shadow: records what it would refuse, delivers',
  OFF: 'Off',
};

const REFUSAL_ANSWER: Record<TokenPolicy['refusalAnswer'], string> = {
  NO_DELIVERY: 'Nothing is sent, and Okta does not send it either',
  LET_OKTA_RETRY: 'Okta sends it through its own providers',
};

const ON_FLAG: Record<TokenPolicy['onFlag'], string> = {
  BLOCK: 'Refuse the code',
  FLAG_AND_DELIVER: 'Deliver and show as flagged',
  LOG_ONLY: 'Deliver; record only',
};

function spendLine(spend: TokenPolicy['spend']): string {
  if (!spend) return 'No cap';
  const alert = spendAlertThreshold(spend);
  const cap = spend.monthlyCap === null ? 'No cap' : `${spend.monthlyCap} per calendar month (UTC), then codes are refused`;
  return alert === null ? cap : `${cap}; alert at ${alert}`;
}

/** The policy in sentences an admin can check at a glance. */
export function PolicySummary({ policy }: { policy: TokenPolicy }) {
  const rows: Array<[string, string]> = [
    ['Identity Insights', insightsLine(policy.insights)],
    ['Network types', networkLine(policy.insights)],
    ['Countries', policy.countryAllowlist.length > 0 ? policy.countryAllowlist.join(', ') : 'Every country'],
    ['When a check flags a number', ON_FLAG[policy.onFlag]],
    ['Numbers of no country (+881, +882 …)', policy.allowNonGeographicNumbers ? 'Allowed' : 'Refused'],
    ['Fraud guard', FRAUD_GUARD[policy.fraudGuard.mode]],
    ['When a code is refused', REFUSAL_ANSWER[policy.refusalAnswer]],
    ['Rate limit', policy.rateLimit.enabled ? `${policy.rateLimit.maxPerWindow} codes per number per 10 minutes` : 'Off'],
    ['Brand in the message', policy.brandName ?? 'The connector default'],
    ['SMS-to-voice fallback', policy.smsToVoiceFallback ? 'On' : 'Off'],
    ['Estimated spend', spendLine(policy.spend)],
    ['Lifetime', policy.expiresIn === 'never' ? 'Never expires' : policy.expiresIn],
  ];
  return (
    <dl className="policy-summary">
      {rows.map(([label, value]) => (
        <div key={label} style={{ display: 'contents' }}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
