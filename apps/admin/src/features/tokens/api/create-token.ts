import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateTokenRequest, TokenCreatedDto } from '@otc/contracts';
import { apiRequest } from '../../../lib/api-client';
import { TOKENS_QUERY_KEY } from './get-tokens';

export function createToken(request: CreateTokenRequest): Promise<TokenCreatedDto> {
  return apiRequest<TokenCreatedDto>('/v1/admin/tokens', { method: 'POST', body: request });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TOKENS_QUERY_KEY }),
  });
}
