import { useId, useState } from 'react';
import type { ActivityDto } from '@otc/contracts';
import { EyeIcon } from '../../../components/icons';
import { formatDateTime, formatTime } from '../../../lib/format';
import { ActivityReason, shortReason } from './activity-reason';
import { ActivityStatusBadge } from './activity-status-badge';

/** One attempt; below 640 px the stylesheet turns the row into a card with the same cells. */
export function ActivityRow({ activity }: { activity: ActivityDto }) {
  const [open, setOpen] = useState(false);
  const reasonId = useId();
  const time = formatDateTime(activity.createdAt);
  return (
    <>
      <tr className="card-row">
        <td data-label="Time">{time}</td>
        <td data-label="Destination" className="mono">
          {activity.destination}
        </td>
        <td data-label="Channel">{activity.channel === 'SMS' ? 'SMS' : 'Voice'}</td>
        <td data-label="Status" className="card-row__status">
          <ActivityStatusBadge activity={activity} />
          {activity.convertedAt && <span className="converted"> Code used {formatTime(activity.convertedAt)}</span>}
        </td>
        <td data-label="Reason" className="card-row__wide">
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
          <span className="muted"> {shortReason(activity.reasonCode)}</span>
        </td>
        <td data-label="Latency" className="num">
          {activity.latencyMs} ms
        </td>
        <td data-label="Token" className="mono" title={activity.tokenId}>
          {activity.tokenShortId}
        </td>
      </tr>
      <tr id={reasonId} hidden={!open} className="reason-row">
        <td colSpan={7}>{open && <ActivityReason activity={activity} />}</td>
      </tr>
    </>
  );
}
