import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Page, SandboxMessageDto } from '@otc/contracts';
import { apiRequest } from '../../../lib/api-client';

export function fetchSandboxMessages(signal?: AbortSignal): Promise<Page<SandboxMessageDto>> {
  return apiRequest<Page<SandboxMessageDto>>('/v1/sandbox/messages', { signal });
}

export const sandboxMessagesQueryOptions = () =>
  queryOptions({
    queryKey: ['sandbox-messages'],
    queryFn: ({ signal }) => fetchSandboxMessages(signal),
    refetchInterval: 5000,
  });

export function useSandboxMessages() {
  return useQuery(sandboxMessagesQueryOptions());
}
