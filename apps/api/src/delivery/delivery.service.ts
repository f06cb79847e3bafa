import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ReasonCode } from '@otc/contracts';
import { VERIFY_CLIENT, VerifyClient, VerifyFailureKind, VerifyStartRequest } from './verify.client';

export type DeliveryOutcome =
  | { delivered: true; requestId: string }
  | { delivered: false; reasonCode: ReasonCode; detail: string };

/** What Verify needs to start one channel; the delivery service adds the 409 handling. */
export type DeliveryRequest = VerifyStartRequest;

const FAILURE_REASONS: Record<VerifyFailureKind, ReasonCode> = {
  REJECTED: 'VONAGE_REJECTED',
  THROTTLED: 'VONAGE_THROTTLED',
  UNAVAILABLE: 'VONAGE_UNAVAILABLE',
  AUTH_FAILED: 'VONAGE_AUTH_FAILED',
};

// Leave time for the cancel and the second attempt a 409 needs.
const MIN_RETRY_BUDGET_MS = 150;

@Injectable()
export class DeliveryService {
  private readonly logger = new Logger(DeliveryService.name);

  constructor(@Inject(VERIFY_CLIENT) private readonly verify: VerifyClient) {}

  /**
   * Starts a Verify request with Okta's own code. A 409 means an older request for this number is
   * still open (the user asked for a new code): cancel it and send once more.
   */
  async send(request: DeliveryRequest, deadline: number): Promise<DeliveryOutcome> {
    const first = await this.verify.start(request, { timeoutMs: remaining(deadline) });
    if (first.kind === 'started') return { delivered: true, requestId: first.requestId };
    if (first.kind === 'failed') return { delivered: false, reasonCode: FAILURE_REASONS[first.failure], detail: first.detail };

    if (!first.activeRequestId || remaining(deadline) < MIN_RETRY_BUDGET_MS) {
      return { delivered: false, reasonCode: 'VONAGE_REJECTED', detail: 'An earlier verification to this number is still active' };
    }
    const cancelled = await this.verify.cancel(first.activeRequestId, { timeoutMs: remaining(deadline) / 2 });
    if (!cancelled) this.logger.warn('Could not cancel the earlier verification; trying once more anyway');
    const second = await this.verify.start(request, { timeoutMs: remaining(deadline) });
    if (second.kind === 'started') return { delivered: true, requestId: second.requestId };
    if (second.kind === 'failed') return { delivered: false, reasonCode: FAILURE_REASONS[second.failure], detail: second.detail };
    return { delivered: false, reasonCode: 'VONAGE_REJECTED', detail: 'An earlier verification to this number is still active' };
  }
}

function remaining(deadline: number): number {
  return Math.max(1, deadline - Date.now());
}
