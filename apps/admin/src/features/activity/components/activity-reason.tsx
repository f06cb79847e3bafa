import { REASON_CODES, type ActivityDto, type ReasonCode } from '@otc/contracts';

function describe(code: ReasonCode): string {
  return REASON_CODES[code]?.description ?? 'No description for this code.';
}

/** The full reason for one attempt: the recorded description, the reason code and every flag. */
export function ActivityReason({ activity }: { activity: ActivityDto }) {
  const { facts } = activity;
  return (
    <div className="reason">
      <p>{activity.description}</p>
      <p>
        <code>{activity.reasonCode}</code>: {describe(activity.reasonCode)}
      </p>
      {activity.flags.length > 0 && (
        <>
          <p className="reason__heading">Flags</p>
          <ul>
            {activity.flags.map((flag, i) => (
              <li key={`${flag.code}-${i}`}>
                <code>{flag.code}</code>: {describe(flag.code)}
                {flag.detail && ` (${flag.detail})`}
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="muted">
        Country {facts.country ?? 'unknown'} · network {facts.networkType ?? 'unknown'} · carrier {facts.carrier ?? 'unknown'}
        {activity.deliveryState && ` · Vonage: ${activity.deliveryState}`}
        {activity.verifyRequestId && ` · Verify request ${activity.verifyRequestId}`}
      </p>
    </div>
  );
}
