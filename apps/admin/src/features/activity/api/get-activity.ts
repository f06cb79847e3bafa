import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { ActivityDto, Page } from '@otc/contracts';
import { apiRequest } from '../../../lib/api-client';

export const ACTIVITY_PAGE_SIZE = 50;

/** The activity filters, as they appear in the page's URL and in the API query. */
export interface ActivityFilters {
  /** Comma-separated ActivityOutcome values. */
  outcome?: string;
  channel?: string;
  tokenId?: string;
  /** ISO timestamps */
  from?: string;
  to?: string;
  /** A full phone number, an Okta user id or login. */
  q?: string;
}

export const ACTIVITY_FILTER_KEYS: Array<keyof ActivityFilters> = ['outcome', 'channel', 'tokenId', 'from', 'to', 'q'];

export function filtersFromSearch(params: URLSearchParams): ActivityFilters {
  const filters: ActivityFilters = {};
  for (const key of ACTIVITY_FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

export function filtersToSearch(filters: ActivityFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ACTIVITY_FILTER_KEYS) if (filters[key]) params.set(key, filters[key]!);
  return params;
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
