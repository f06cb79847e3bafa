import { queryOptions, useQuery } from '@tanstack/react-query';
import type { TrustedEntryDto } from '@otc/contracts';
import { apiRequest } from '../../../lib/api-client';
import { FRAUD_QUERY_KEY } from './get-fraud-refusals';

export function fetchTrusted(signal?: AbortSignal): Promise<TrustedEntryDto[]> {
  return apiRequest<TrustedEntryDto[]>('/v1/admin/fraud/trusted', { signal });
}

export const trustedQueryOptions = () =>
  queryOptions({
    queryKey: [...FRAUD_QUERY_KEY, 'trusted'],
    queryFn: ({ signal }) => fetchTrusted(signal),
  });

export function useTrusted() {
  return useQuery(trustedQueryOptions());
}
