import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FraudRefusalDto, LiftRefusalRequest } from '@otc/contracts';
import { apiRequest } from '../../../lib/api-client';
import { FRAUD_QUERY_KEY } from './get-fraud-refusals';

export function liftRefusal({ id, comment }: LiftRefusalRequest & { id: string }): Promise<FraudRefusalDto> {
  return apiRequest<FraudRefusalDto>(`/v1/admin/fraud/refusals/${encodeURIComponent(id)}/lift`, { method: 'POST', body: { comment } });
}

export function useLiftRefusal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: liftRefusal,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: FRAUD_QUERY_KEY }),
  });
}
