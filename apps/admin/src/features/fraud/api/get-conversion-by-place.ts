import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { ConversionByPlaceDto, ReportPeriod } from '@otc/contracts';
import { apiRequest } from '../../../lib/api-client';
import { FRAUD_QUERY_KEY } from './get-fraud-refusals';

export function fetchConversionByPlace(period: ReportPeriod, tokenId: string | null, signal?: AbortSignal): Promise<ConversionByPlaceDto> {
  return apiRequest<ConversionByPlaceDto>('/v1/admin/fraud/conversion', { query: { period, tokenId }, signal });
}

export const conversionByPlaceQueryOptions = (period: ReportPeriod, tokenId: string | null) =>
  queryOptions({
    queryKey: [...FRAUD_QUERY_KEY, 'conversion', period, tokenId],
    queryFn: ({ signal }) => fetchConversionByPlace(period, tokenId, signal),
    // Keep the previous report on screen while another period or token loads.
    placeholderData: keepPreviousData,
  });

export function useConversionByPlace(period: ReportPeriod, tokenId: string | null) {
  return useQuery(conversionByPlaceQueryOptions(period, tokenId));
}
