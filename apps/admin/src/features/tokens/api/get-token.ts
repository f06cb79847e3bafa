import { queryOptions, useQuery } from '@tanstack/react-query';
import type { TokenDto, TokenStatsDto } from '@otc/contracts';
import { apiRequest } from '../../../lib/api-client';
import { TOKENS_QUERY_KEY } from './get-tokens';

export function fetchToken(id: string, signal?: AbortSignal): Promise<TokenDto> {
  return apiRequest<TokenDto>(`/v1/admin/tokens/${encodeURIComponent(id)}`, { signal });
}

export function fetchTokenStats(id: string, signal?: AbortSignal): Promise<TokenStatsDto> {
  return apiRequest<TokenStatsDto>(`/v1/admin/tokens/${encodeURIComponent(id)}/stats`, { query: { period: '30d' }, signal });
}

export const tokenQueryOptions = (id: string) => queryOptions({ queryKey: [...TOKENS_QUERY_KEY, id], queryFn: ({ signal }) => fetchToken(id, signal) });

export const tokenStatsQueryOptions = (id: string) =>
  queryOptions({ queryKey: [...TOKENS_QUERY_KEY, id, 'stats'], queryFn: ({ signal }) => fetchTokenStats(id, signal) });

export function useToken(id: string) {
  return useQuery(tokenQueryOptions(id));
}

export function useTokenStats(id: string) {
  return useQuery(tokenStatsQueryOptions(id));
}
