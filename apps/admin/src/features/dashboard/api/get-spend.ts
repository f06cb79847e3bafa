import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { ReportPeriod, SpendEstimateDto } from '@otc/contracts';
import { apiRequest } from '../../../lib/api-client';
import { DASHBOARD_POLL_MS } from './get-dashboard';

export function fetchSpend(period: ReportPeriod, signal?: AbortSignal): Promise<SpendEstimateDto> {
  return apiRequest<SpendEstimateDto>('/v1/admin/spend', { query: { period }, signal });
}

export const spendQueryOptions = (period: ReportPeriod) =>
  queryOptions({
    queryKey: ['spend', period],
    queryFn: ({ signal }) => fetchSpend(period, signal),
    refetchInterval: DASHBOARD_POLL_MS * 6,
    placeholderData: keepPreviousData,
  });

export function useSpend(period: ReportPeriod) {
  return useQuery(spendQueryOptions(period));
}
