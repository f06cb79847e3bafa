import { ErrorAlert } from '../../../components/error-alert';
import { useAuthEvents } from '../api/get-auth-events';
import { AuthEventsEmpty } from './auth-events-empty';
import { AuthEventsTable } from './auth-events-table';

export function AuthEventsHistory() {
  const events = useAuthEvents();
  const items = events.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-labelledby="auth-events-title">
      <h2 id="auth-events-title">Okta authentication events</h2>
      <ErrorAlert error={events.error} title="Authentication events could not be loaded." />
      {events.isPending && <p role="status">Loading events…</p>}
      {events.isSuccess && items.length === 0 && <AuthEventsEmpty />}
      {items.length > 0 && <AuthEventsTable items={items} caption="Okta authentication events" />}
      {events.hasNextPage && (
        <button type="button" className="button" onClick={() => events.fetchNextPage()} disabled={events.isFetchingNextPage}>
          {events.isFetchingNextPage ? 'Loading…' : 'Load more events'}
        </button>
      )}
    </section>
  );
}
