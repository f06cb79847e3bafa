import type { VerifyRequestState, WorkflowStepState } from './verify-request.model';

// Shapes follow verify2.callback.event-webhook.json and verify2.callback.status-webhook.json.
export function buildEventCallback(request: VerifyRequestState, step: WorkflowStepState, status: string, at: Date): object {
  return {
    request_id: request.id,
    triggered_at: (step.initiatedAt ?? at).toISOString(),
    type: 'event',
    channel: step.channel,
    status,
    finalized_at: at.toISOString(),
    ...(request.input.clientRef !== undefined ? { client_ref: request.input.clientRef } : {}),
  };
}

// Verify's platform fee is charged on conversion only, so only completed requests carry a price.
const CONVERSION_PRICE_EUR = 0.05;

export function buildSummaryCallback(request: VerifyRequestState): object {
  return {
    request_id: request.id,
    submitted_at: request.submittedAt.toISOString(),
    status: request.status,
    type: 'summary',
    channel_timeout: request.input.channelTimeout,
    workflow: request.steps.map((step) => ({
      channel: step.channel,
      ...(step.initiatedAt ? { initiated_at: step.initiatedAt.toISOString() } : {}),
      status: step.status,
      ...(step.reason ? { reason: step.reason } : {}),
    })),
    price: request.status === 'completed' ? CONVERSION_PRICE_EUR : 0,
    ...(request.input.clientRef !== undefined ? { client_ref: request.input.clientRef } : {}),
    ...(request.finalizedAt ? { finalized_at: request.finalizedAt.toISOString() } : {}),
  };
}
