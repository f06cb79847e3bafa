import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TokenCreatedDto } from '@otc/contracts';
import { apiRequest } from '../../../lib/api-client';
import { TOKENS_QUERY_KEY } from './get-tokens';

export function rotateToken(id: string): Promise<TokenCreatedDto> {
  return apiRequest<TokenCreatedDto>(`/v1/admin/tokens/${encodeURIComponent(id)}/rotate`, { method: 'POST' });
}

export function useRotateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: rotateToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TOKENS_QUERY_KEY }),
  });
}
