import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { ActivityDto, ActivityStatus, Channel, Page } from '@otc/contracts';
import { apiRequest } from '../../../lib/api-client';

export const ACTIVITY_PAGE_SIZE = 50;

export interface ActivityFilters {
  status?: ActivityStatus;
  channel?: Channel;
  tokenId?: string;
  /** ISO timestamps */
  from?: string;
  to?: string;
}

export function fetchActivity(filters: ActivityFilters, cursor: string | null, signal?: AbortSignal): Promise<Page<ActivityDto>> {
  return apiRequest<Page<ActivityDto>>('/v1/admin/activity', {
    query: { limit: ACTIVITY_PAGE_SIZE, cursor, ...filters },
    signal,
  });
}

export const activityQueryOptions = (filters: ActivityFilters) =>
  infiniteQueryOptions({
    queryKey: ['activity', filters],
    queryFn: ({ pageParam, signal }) => fetchActivity(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });

export function useActivity(filters: ActivityFilters) {
  return useInfiniteQuery(activityQueryOptions(filters));
}
