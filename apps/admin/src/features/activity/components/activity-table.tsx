import type { ActivityDto } from '@otc/contracts';
import { DataTable, type Column, type RowDetail } from '../../../components/data-table';
import { formatDateTime, formatTime } from '../../../lib/format';
import { ActivityReason, shortReason } from './activity-reason';
import { ActivityStatusBadge } from './activity-status-badge';

const columns: Array<Column<ActivityDto>> = [
  { header: 'Time', cell: (a) => formatDateTime(a.createdAt) },
  { header: 'Destination', className: 'mono', cell: (a) => a.destination },
  { header: 'Channel', cell: (a) => (a.channel === 'SMS' ? 'SMS' : 'Voice') },
  {
    header: 'Status',
    className: 'card-row__status',
    cell: (a) => (
      <>
        <ActivityStatusBadge activity={a} />
        {a.convertedAt && <span className="converted"> Code used {formatTime(a.convertedAt)}</span>}
      </>
    ),
  },
  { header: 'Reason', className: 'card-row__wide', cell: (a) => <span className="muted"> {shortReason(a.reasonCode)}</span> },
  { header: 'Latency', className: 'num', cell: (a) => `${a.latencyMs} ms` },
  { header: 'Token', className: 'mono', title: (a) => a.tokenId, cell: (a) => a.tokenShortId },
];

/** The eye beside the short reason opens the full one (Vonage's words, flags, timings) under the row. */
const reason: RowDetail<ActivityDto> = {
  column: 'Reason',
  label: (a, open) => `${open ? 'Hide' : 'Show'} reason for ${a.channel} to ${a.destination} at ${formatDateTime(a.createdAt)}`,
  render: (a) => <ActivityReason activity={a} />,
};

/** Attempts, newest first. */
export function ActivityTable({ items, caption }: { items: ActivityDto[]; caption: string }) {
  return <DataTable caption={caption} columns={columns} rows={items} rowKey={(a) => a.id} detail={reason} />;
}
