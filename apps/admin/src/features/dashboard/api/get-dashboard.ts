import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { DashboardDto, ReportPeriod } from '@otc/contracts';
import { apiRequest } from '../../../lib/api-client';

export const DASHBOARD_POLL_MS = 5000;

export function fetchDashboard(period: ReportPeriod, signal?: AbortSignal): Promise<DashboardDto> {
  return apiRequest<DashboardDto>('/v1/admin/dashboard', { query: { period }, signal });
}

export const dashboardQueryOptions = (period: ReportPeriod) =>
  queryOptions({
    queryKey: ['dashboard', period],
    queryFn: ({ signal }) => fetchDashboard(period, signal),
    refetchInterval: DASHBOARD_POLL_MS,
    // Keep the previous period on screen while the new one loads.
    placeholderData: keepPreviousData,
  });

export function useDashboard(period: ReportPeriod) {
  return useQuery(dashboardQueryOptions(period));
}
