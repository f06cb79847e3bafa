import type { useFraudRefusals } from '../api/get-fraud-refusals';

/**
 * The next page of a refusal list, on request: the API sends 50 at a time. The count of those shown
 * is announced politely, so a screen reader hears that the list grew without losing its place.
 */
export function LoadMoreRefusals({ refusals, label }: { refusals: ReturnType<typeof useFraudRefusals>; label: string }) {
  const shown = refusals.data?.pages.reduce((n, page) => n + page.items.length, 0) ?? 0;
  if (!refusals.hasNextPage && (refusals.data?.pages.length ?? 0) <= 1) return null;
  return (
    <div className="actions">
      <p className="muted" role="status" aria-live="polite">
        {refusals.hasNextPage ? `Showing the newest ${shown}.` : `Showing all ${shown}.`}
      </p>
      {refusals.hasNextPage && (
        <button type="button" className="button" onClick={() => refusals.fetchNextPage()} disabled={refusals.isFetchingNextPage}>
          {refusals.isFetchingNextPage ? 'Loading…' : label}
        </button>
      )}
    </div>
  );
}
