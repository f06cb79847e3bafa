import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TokenDto } from '@otc/contracts';
import { apiRequest } from '../../../lib/api-client';
import { TOKENS_QUERY_KEY } from './get-tokens';

export function revokeToken(id: string): Promise<TokenDto> {
  return apiRequest<TokenDto>(`/v1/admin/tokens/${encodeURIComponent(id)}/revoke`, { method: 'POST' });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TOKENS_QUERY_KEY }),
  });
}
