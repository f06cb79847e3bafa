import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ConnectorMode } from '@otc/contracts';
import { ApiError, apiRequest } from '../../../lib/api-client';

export interface HealthDto {
  status: 'ok' | 'error';
  mode: ConnectorMode;
  checks: Record<string, unknown>;
}

/** A not-ready connector answers 503 with the same body; that is still a useful answer here. */
export async function fetchHealth(signal?: AbortSignal): Promise<HealthDto> {
  try {
    return await apiRequest<HealthDto>('/health/ready', { auth: false, signal });
  } catch (error) {
    if (error instanceof ApiError && error.status === 503 && error.raw && typeof error.raw === 'object' && 'mode' in error.raw) {
      return error.raw as HealthDto;
    }
    throw error;
  }
}

export const healthQueryOptions = () =>
  queryOptions({
    queryKey: ['health'],
    queryFn: ({ signal }) => fetchHealth(signal),
    staleTime: 60_000,
    retry: false,
    meta: { skipSessionExpiry: true },
  });

export function useHealth() {
  return useQuery(healthQueryOptions());
}
