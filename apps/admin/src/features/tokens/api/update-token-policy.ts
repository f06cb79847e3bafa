import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TokenDto, UpdateTokenPolicyRequest } from '@otc/contracts';
import { apiRequest } from '../../../lib/api-client';
import { TOKENS_QUERY_KEY } from './get-tokens';

export function updateTokenPolicy(id: string, request: UpdateTokenPolicyRequest): Promise<TokenDto> {
  return apiRequest<TokenDto>(`/v1/admin/tokens/${encodeURIComponent(id)}/policy`, { method: 'PATCH', body: request });
}

export function useUpdateTokenPolicy(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: UpdateTokenPolicyRequest) => updateTokenPolicy(id, request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TOKENS_QUERY_KEY }),
  });
}
