import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { SpendEstimateDto } from '@otc/contracts';
import { apiRequest } from '../../../lib/api-client';
import { DASHBOARD_POLL_MS, type DashboardPeriod } from './get-dashboard';

export function fetchSpend(period: DashboardPeriod, signal?: AbortSignal): Promise<SpendEstimateDto> {
  return apiRequest<SpendEstimateDto>('/v1/admin/spend', { query: { period }, signal });
}

export const spendQueryOptions = (period: DashboardPeriod) =>
  queryOptions({
    queryKey: ['spend', period],
    queryFn: ({ signal }) => fetchSpend(period, signal),
    refetchInterval: DASHBOARD_POLL_MS * 6,
    placeholderData: keepPreviousData,
  });

export function useSpend(period: DashboardPeriod) {
  return useQuery(spendQueryOptions(period));
}
