import type { SimulatedMessage } from '../simulator.types';
import type { VerifyRequestState, WorkflowStepState } from './verify-request.model';

/** The message an sms or voice step would deliver; other channels deliver nothing we record. */
export function startStepMessage(request: VerifyRequestState, step: WorkflowStepState, at: Date): SimulatedMessage | null {
  if (step.channel !== 'sms' && step.channel !== 'voice') return null;
  const { brand, locale, clientRef } = request.input;
  const text =
    step.channel === 'sms'
      ? `${brand}: Your code is ${request.code}`
      : `${brand}: Your code is ${request.code}. Again, your code is ${request.code}.`;
  return {
    requestId: request.id,
    channel: step.channel,
    to: step.to,
    code: request.code,
    brand,
    locale,
    // Vonage sends an SMS from the brand when no sender is given.
    ...(step.channel === 'sms' ? { from: step.from ?? brand } : {}),
    text,
    sentAt: at,
    ...(clientRef !== undefined ? { clientRef } : {}),
  };
}
