import { queryOptions, useQuery } from '@tanstack/react-query';
import type { TokenDto } from '@otc/contracts';
import { apiRequest } from '../../../lib/api-client';

export const TOKENS_QUERY_KEY = ['tokens'] as const;

export function fetchTokens(signal?: AbortSignal): Promise<TokenDto[]> {
  return apiRequest<TokenDto[]>('/v1/admin/tokens', { signal });
}

export const tokensQueryOptions = () =>
  queryOptions({
    queryKey: TOKENS_QUERY_KEY,
    queryFn: ({ signal }) => fetchTokens(signal),
  });

export function useTokens() {
  return useQuery(tokensQueryOptions());
}
