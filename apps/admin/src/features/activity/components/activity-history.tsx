import { useSearchParams } from 'react-router-dom';
import { EmptyState } from '../../../components/empty-state';
import { ErrorAlert } from '../../../components/error-alert';
import { useExportActivity } from '../api/export-activity';
import { ActivityFilters, filtersFromSearch, filtersToSearch, useActivity } from '../api/get-activity';
import { ActivityFiltersBar, TokenOption } from './activity-filters';
import { ActivityTable } from './activity-table';

/** The filters live in the URL, so a reload, a bookmark or a dashboard counter's link keeps them. */
export function ActivityHistory({ tokens }: { tokens: TokenOption[] }) {
  const [params, setParams] = useSearchParams();
  const filters = filtersFromSearch(params);
  const setFilters = (next: ActivityFilters) => setParams(filtersToSearch(next), { replace: true });
  const activity = useActivity(filters);
  const exportCsv = useExportActivity();
  const items = activity.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Object.values(filters).some(Boolean);

  return (
    <section aria-labelledby="activity-title">
      <div className="section-header">
        <h1 id="activity-title">OTP activity</h1>
        <button type="button" className="button" onClick={() => exportCsv.mutate(filters)} disabled={exportCsv.isPending}>
          {exportCsv.isPending ? 'Preparing CSV…' : 'Export CSV'}
        </button>
      </div>
      <p className="muted">Every code Okta asked the connector to send, newest first. Exports use the same filters and mask phone numbers.</p>
      <ErrorAlert error={exportCsv.error} title="The CSV export failed." />
      <ActivityFiltersBar key={params.get('q') ?? ''} value={filters} tokens={tokens} onChange={setFilters} />
      <ErrorAlert error={activity.error} title="Activity could not be loaded." />
      {activity.isPending && <p role="status">Loading activity…</p>}
      {activity.isSuccess && items.length === 0 && (
        <EmptyState title={filtered ? 'No activity matches these filters.' : 'No OTPs yet: create a token and paste its values into Okta.'}>
          {filtered ? 'Clear or widen the filters to see more.' : 'Codes appear here as soon as Okta sends its first SMS or voice request.'}
        </EmptyState>
      )}
      {items.length > 0 && <ActivityTable items={items} caption="OTP activity history" />}
      {activity.hasNextPage && (
        <button type="button" className="button" onClick={() => activity.fetchNextPage()} disabled={activity.isFetchingNextPage}>
          {activity.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </button>
      )}
    </section>
  );
}
