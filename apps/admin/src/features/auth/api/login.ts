import { useMutation } from '@tanstack/react-query';
import type { LoginRequest, LoginResponse } from '@otc/contracts';
import { apiRequest } from '../../../lib/api-client';
import { startSession } from '../../../lib/session';

export function login(credentials: LoginRequest): Promise<LoginResponse> {
  return apiRequest<LoginResponse>('/v1/admin/login', { method: 'POST', body: credentials, auth: false });
}

export function useLogin(options: { onSuccess?: (response: LoginResponse) => void } = {}) {
  return useMutation({
    mutationFn: login,
    meta: { skipSessionExpiry: true },
    onSuccess: (response) => {
      startSession(response);
      options.onSuccess?.(response);
    },
  });
}
