import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { endSession } from '../../../lib/session';

export function logout(): Promise<void> {
  return apiRequest<void>('/v1/admin/logout', { method: 'POST' });
}

/** Signs out locally even when the server call fails: the token is dropped either way. */
export function useLogout(options: { onSettled?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    meta: { skipSessionExpiry: true },
    onSettled: () => {
      endSession();
      queryClient.clear();
      options.onSettled?.();
    },
  });
}
