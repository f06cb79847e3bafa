import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ShadowFindingDto } from '@otc/contracts';
import { apiRequest } from '../../../lib/api-client';
import { FRAUD_QUERY_KEY } from './get-fraud-refusals';

export function fetchShadowFindings(signal?: AbortSignal): Promise<ShadowFindingDto[]> {
  return apiRequest<ShadowFindingDto[]>('/v1/admin/fraud/shadow', { signal });
}

export const shadowFindingsQueryOptions = () =>
  queryOptions({
    queryKey: [...FRAUD_QUERY_KEY, 'shadow'],
    queryFn: ({ signal }) => fetchShadowFindings(signal),
  });

export function useShadowFindings() {
  return useQuery(shadowFindingsQueryOptions());
}
