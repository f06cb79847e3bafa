import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TrustedEntryDto, TrustRefusalRequest, TrustRequest } from '@otc/contracts';
import { apiRequest } from '../../../lib/api-client';
import { FRAUD_QUERY_KEY } from './get-fraud-refusals';

export function addTrusted(request: TrustRequest): Promise<TrustedEntryDto> {
  return apiRequest<TrustedEntryDto>('/v1/admin/fraud/trusted', { method: 'POST', body: request });
}

export function trustRefusal({ refusalId, ...request }: TrustRefusalRequest & { refusalId: string }): Promise<TrustedEntryDto> {
  return apiRequest<TrustedEntryDto>(`/v1/admin/fraud/refusals/${encodeURIComponent(refusalId)}/trust`, { method: 'POST', body: request });
}

export function removeTrusted(id: string): Promise<void> {
  return apiRequest<void>(`/v1/admin/fraud/trusted/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

function useFraudMutation<T, R>(mutationFn: (input: T) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: FRAUD_QUERY_KEY }) });
}

export const useAddTrusted = () => useFraudMutation(addTrusted);
export const useTrustRefusal = () => useFraudMutation(trustRefusal);
export const useRemoveTrusted = () => useFraudMutation(removeTrusted);
