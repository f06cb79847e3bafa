import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { FraudRefusalDto, FraudRefusalView, Page } from '@otc/contracts';
import { apiRequest } from '../../../lib/api-client';

export const FRAUD_QUERY_KEY = ['fraud'] as const;
export const FRAUD_REFUSALS_PAGE_SIZE = 50;

/** One page of refusals, newest first; `cursor` is the previous page's nextCursor (null: the first page). */
export function fetchFraudRefusals(view: FraudRefusalView, cursor: string | null, signal?: AbortSignal): Promise<Page<FraudRefusalDto>> {
  return apiRequest<Page<FraudRefusalDto>>('/v1/admin/fraud/refusals', { query: { view, limit: FRAUD_REFUSALS_PAGE_SIZE, cursor }, signal });
}

export const fraudRefusalsQueryOptions = (view: FraudRefusalView) =>
  infiniteQueryOptions({
    queryKey: [...FRAUD_QUERY_KEY, 'refusals', view],
    queryFn: ({ pageParam, signal }) => fetchFraudRefusals(view, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // An attack opens refusals while the page is open.
    refetchInterval: 15_000,
  });

export function useFraudRefusals(view: FraudRefusalView) {
  return useInfiniteQuery(fraudRefusalsQueryOptions(view));
}
