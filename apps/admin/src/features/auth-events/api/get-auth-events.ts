import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { AuthEventDto, Page } from '@otc/contracts';
import { apiRequest } from '../../../lib/api-client';

export function fetchAuthEvents(cursor: string | null, signal?: AbortSignal): Promise<Page<AuthEventDto>> {
  return apiRequest<Page<AuthEventDto>>('/v1/admin/auth-events', { query: { limit: 50, cursor }, signal });
}

export const authEventsQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: ['auth-events'],
    queryFn: ({ pageParam, signal }) => fetchAuthEvents(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

export function useAuthEvents() {
  return useInfiniteQuery(authEventsQueryOptions());
}
