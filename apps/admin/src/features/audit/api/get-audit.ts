import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { AuditEntryDto, Page } from '@otc/contracts';
import { apiRequest } from '../../../lib/api-client';

export function fetchAudit(cursor: string | null, signal?: AbortSignal): Promise<Page<AuditEntryDto>> {
  return apiRequest<Page<AuditEntryDto>>('/v1/admin/audit', { query: { limit: 50, cursor }, signal });
}

export const auditQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: ['audit'],
    queryFn: ({ pageParam, signal }) => fetchAudit(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

export function useAudit() {
  return useInfiniteQuery(auditQueryOptions());
}
