import { queryOptions, useQuery } from '@tanstack/react-query';
import type { FraudRefusalDto, FraudRefusalView } from '@otc/contracts';
import { apiRequest } from '../../../lib/api-client';

export const FRAUD_QUERY_KEY = ['fraud'] as const;

export function fetchFraudRefusals(view: FraudRefusalView, signal?: AbortSignal): Promise<FraudRefusalDto[]> {
  return apiRequest<FraudRefusalDto[]>('/v1/admin/fraud/refusals', { query: { view }, signal });
}

export const fraudRefusalsQueryOptions = (view: FraudRefusalView) =>
  queryOptions({
    queryKey: [...FRAUD_QUERY_KEY, 'refusals', view],
    queryFn: ({ signal }) => fetchFraudRefusals(view, signal),
    // An attack opens refusals while the page is open.
    refetchInterval: 15_000,
  });

export function useFraudRefusals(view: FraudRefusalView) {
  return useQuery(fraudRefusalsQueryOptions(view));
}
