import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { AuthEventDto, Page } from '@otc/contracts';
import { apiRequest } from '../../../lib/api-client';

/** `okta`: events Okta sent; `conversion`: the connector's own checks of which codes were used. */
export type AuthEventKind = 'okta' | 'conversion';

export function fetchAuthEvents(kind: AuthEventKind, cursor: string | null, signal?: AbortSignal): Promise<Page<AuthEventDto>> {
  return apiRequest<Page<AuthEventDto>>('/v1/admin/auth-events', { query: { limit: 50, kind, cursor }, signal });
}

export const authEventsQueryOptions = (kind: AuthEventKind) =>
  infiniteQueryOptions({
    queryKey: ['auth-events', kind],
    queryFn: ({ pageParam, signal }) => fetchAuthEvents(kind, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

export function useAuthEvents(kind: AuthEventKind) {
  return useInfiniteQuery(authEventsQueryOptions(kind));
}
