import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export interface SandboxMessageDto {
  requestId: string;
  channel: string;
  to: string;
  brand: string;
  sentAt: string;
}

export function fetchSandboxMessages(signal?: AbortSignal): Promise<SandboxMessageDto[]> {
  return apiRequest<SandboxMessageDto[]>('/v1/sandbox/messages', { signal });
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
