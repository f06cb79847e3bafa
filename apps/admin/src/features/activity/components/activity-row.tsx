import { useId, useState } from 'react';
import type { ActivityDto } from '@otc/contracts';
import { EyeIcon } from '../../../components/icons';
import { formatDateTime } from '../../../lib/format';
import { ActivityReason } from './activity-reason';
import { ActivityStatusBadge } from './activity-status-badge';

export function ActivityRow({ activity }: { activity: ActivityDto }) {
  const [open, setOpen] = useState(false);
  const reasonId = useId();
  const time = formatDateTime(activity.createdAt);
  return (
    <>
      <tr>
        <td>{time}</td>
        <td className="mono">{activity.destination}</td>
        <td>{activity.channel}</td>
        <td>
          <ActivityStatusBadge status={activity.status} />
        </td>
        <td>
          <button
            type="button"
            className="icon-button"
            aria-expanded={open}
            aria-controls={reasonId}
            aria-label={`${open ? 'Hide' : 'Show'} reason for ${activity.channel} to ${activity.destination} at ${time}`}
            onClick={() => setOpen((v) => !v)}
          >
            <EyeIcon open={open} />
          </button>
          <span className="muted"> {activity.reasonCode}</span>
        </td>
        <td className="num">{activity.latencyMs} ms</td>
        <td className="mono" title={activity.tokenId}>
          {activity.tokenShortId}
        </td>
      </tr>
      <tr id={reasonId} hidden={!open} className="reason-row">
        <td colSpan={7}>{open && <ActivityReason activity={activity} />}</td>
      </tr>
    </>
  );
}
