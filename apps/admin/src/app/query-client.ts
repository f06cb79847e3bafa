import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, isUnauthorized } from '../lib/api-client';
import { expireSession, getAccessToken } from '../lib/session';

/**
 * One place turns any 401 into "session expired": the session is dropped, cached data is cleared,
 * and the route guard sends the admin back to sign-in. Calls that expect 401 (login) opt out via meta.
 */
export function createQueryClient(): QueryClient {
  const onError = (error: unknown, meta: Record<string, unknown> | undefined) => {
    if (!isUnauthorized(error) || meta?.skipSessionExpiry || !getAccessToken()) return;
    expireSession();
    queueMicrotask(() => client.clear());
  };
  const client = new QueryClient({
    queryCache: new QueryCache({ onError: (error, query) => onError(error, query.meta) }),
    mutationCache: new MutationCache({ onError: (error, _v, _c, mutation) => onError(error, mutation.meta) }),
    defaultOptions: {
      queries: {
        // Client errors (4xx) will not fix themselves; retry only network and server failures.
        retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
        refetchOnWindowFocus: true,
      },
    },
  });
  return client;
}
