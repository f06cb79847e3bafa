import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SpendEstimateDto } from '@otc/contracts';
import { apiRequest } from '../../../lib/api-client';
import { TOKENS_QUERY_KEY } from './get-tokens';

/** The token's estimated spend over 30 days and its month so far against its cap. */
export function fetchTokenSpend(tokenId: string, signal?: AbortSignal): Promise<SpendEstimateDto> {
  return apiRequest<SpendEstimateDto>('/v1/admin/spend', { query: { period: '30d', tokenId }, signal });
}

export const tokenSpendQueryOptions = (tokenId: string) => queryOptions({ queryKey: [...TOKENS_QUERY_KEY, tokenId, 'spend'], queryFn: ({ signal }) => fetchTokenSpend(tokenId, signal) });

/** Waits for the token's id (the page may be opened by its short id). */
export function useTokenSpend(tokenId: string | undefined) {
  return useQuery({ ...tokenSpendQueryOptions(tokenId ?? ''), enabled: tokenId !== undefined });
}
