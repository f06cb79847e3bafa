import { EmptyState } from '../../../components/empty-state';
import { ErrorAlert } from '../../../components/error-alert';
import { AuthEventKind, useAuthEvents } from '../api/get-auth-events';
import { AuthEventsEmpty } from './auth-events-empty';
import { AuthEventsTable } from './auth-events-table';

const TEXT: Record<AuthEventKind, { title: string; caption: string; intro: string | null }> = {
  okta: { title: 'Okta authentication events', caption: 'Okta authentication events', intro: null },
  conversion: {
    title: 'Conversion checks',
    caption: 'Conversion checks',
    intro: 'After Okta reports a sign-in, the connector tells Vonage which code was used. A failed or unmatched check changes nothing for the user; it only leaves the conversion rate lower.',
  },
};

export function AuthEventsHistory({ kind }: { kind: AuthEventKind }) {
  const events = useAuthEvents(kind);
  const items = events.data?.pages.flatMap((page) => page.items) ?? [];
  const text = TEXT[kind];
  const id = `auth-events-${kind}-title`;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{text.title}</h2>
      {text.intro && <p className="muted">{text.intro}</p>}
      <ErrorAlert error={events.error} title={`${text.title} could not be loaded.`} />
      {events.isPending && <p role="status">Loading…</p>}
      {events.isSuccess && items.length === 0 && (kind === 'okta' ? <AuthEventsEmpty /> : <EmptyState title="No conversion checks yet." />)}
      {items.length > 0 && <AuthEventsTable items={items} caption={text.caption} />}
      {events.hasNextPage && (
        <button type="button" className="button" onClick={() => events.fetchNextPage()} disabled={events.isFetchingNextPage}>
          {events.isFetchingNextPage ? 'Loading…' : `Load more ${text.title.toLowerCase()}`}
        </button>
      )}
    </section>
  );
}
