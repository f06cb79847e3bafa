import type { ActivityDto } from '@otc/contracts';
import { ActivityRow } from './activity-row';

export function ActivityTable({ items, caption }: { items: ActivityDto[]; caption: string }) {
  return (
    <div className="table-wrap table-wrap--cards">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Destination</th>
            <th scope="col">Channel</th>
            <th scope="col">Status</th>
            <th scope="col">Reason</th>
            <th scope="col">Latency</th>
            <th scope="col">Token</th>
          </tr>
        </thead>
        <tbody>
          {items.map((activity) => (
            <ActivityRow key={activity.id} activity={activity} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
