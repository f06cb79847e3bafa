import { REASON_CODES } from '@otc/contracts';
import type { ActivityDto, DeliveryState, ReasonCode } from '@otc/contracts';
import { formatDateTime } from '../../../lib/format';

const DELIVERY_WORDS: Record<DeliveryState, string> = {
  PENDING: 'sent to Vonage, no delivery report yet',
  DELIVERED: 'delivered to the phone',
  FAILED: 'delivery failed',
  EXPIRED: 'delivered; the code expired unused',
  BLOCKED_BY_VONAGE: "blocked by Vonage's anti-fraud",
  CONVERTED: 'delivered and the code was used',
};

const FROM_VONAGE = /^(VONAGE_|DELIVERY_FAILED)/;

/** The reason in a few words for the list; the details give the full sentence. */
export function shortReason(code: ReasonCode): string {
  if (code === 'DELIVERED') return 'Sent';
  const text = code.startsWith('FRAUD_') ? `fraud guard: ${code.slice(6)}` : code;
  return text.replace(/_/g, ' ').toLowerCase().replace(/^./, (c) => c.toUpperCase());
}

function explain(code: ReasonCode): string {
  return REASON_CODES[code]?.description ?? `Reason ${code}.`;
}

/** Vonage's own words for a failure, when the recorded flag carries them. */
function detailOf(activity: ActivityDto): string | null {
  return activity.flags.find((f) => f.code === activity.reasonCode && f.detail)?.detail ?? null;
}

/** The full reason for one attempt: each reason said once, in words, then what is known about the number. */
export function ActivityReason({ activity }: { activity: ActivityDto }) {
  const { facts } = activity;
  const detail = detailOf(activity);
  const otherFlags = activity.flags.filter((f) => f.code !== activity.reasonCode);
  const facts_ = [
    `Country: ${facts.country ?? 'unknown'}`,
    `Network: ${facts.networkType ? facts.networkType.toLowerCase() : 'not looked up'}`,
    `Carrier: ${facts.carrier ?? 'not looked up'}`,
  ];
  return (
    <div className="reason">
      <p>
        {explain(activity.reasonCode)}
        {detail && (FROM_VONAGE.test(activity.reasonCode) ? <> Vonage said: “{detail}”.</> : <> ({detail})</>)} <code className="muted">{activity.reasonCode}</code>
      </p>
      {otherFlags.length > 0 && (
        <>
          <p className="reason__heading">Also flagged</p>
          <ul>
            {otherFlags.map((flag, i) => (
              <li key={`${flag.code}-${i}`}>
                {explain(flag.code)}
                {flag.detail && ` (${flag.detail})`} <code className="muted">{flag.code}</code>
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="muted">{facts_.join(' · ')}</p>
      {activity.deliveryState && (
        <p className="muted">
          Vonage: {DELIVERY_WORDS[activity.deliveryState] ?? activity.deliveryState.toLowerCase()}
          {activity.verifyRequestId && <> · Verify request <span className="mono">{activity.verifyRequestId}</span></>}
        </p>
      )}
      {activity.convertedAt && <p className="muted">Code used {formatDateTime(activity.convertedAt)}.</p>}
      {(activity.oktaLogin || activity.oktaUserId) && (
        <p className="muted">
          Okta user {activity.oktaLogin} {activity.oktaUserId && <span className="mono">{activity.oktaUserId}</span>}
        </p>
      )}
    </div>
  );
}
