import { Inject, Injectable } from '@nestjs/common';
import type { ReasonCode } from '@otc/contracts';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { VERIFY_CLIENT, VerifyCheckResult, VerifyClient, VerifyFailureKind, VerifyStartRequest, VerifyStartResult } from './verify.client';

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

const STILL_ACTIVE: DeliveryOutcome = { delivered: false, reasonCode: 'VONAGE_REJECTED', detail: 'An earlier verification to this number is still active' };

/** Sends, confirms and cancels Verify requests; the only user of the Verify client. */
@Injectable()
export class DeliveryService {
  constructor(
    @Inject(VERIFY_CLIENT) private readonly verify: VerifyClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Starts a Verify request with Okta's own code. A 409 means an older request for this number is
   * still open (the user asked for a new code): cancel it and send once more. A failed cancel is
   * logged by the client; the second attempt then answers for itself.
   */
  async send(request: DeliveryRequest, deadline: number): Promise<DeliveryOutcome> {
    const first = await this.verify.start(request, { timeoutMs: remaining(deadline) });
    if (first.kind !== 'conflict') return toOutcome(first);
    if (!first.activeRequestId || remaining(deadline) < MIN_RETRY_BUDGET_MS) return STILL_ACTIVE;
    await this.verify.cancel(first.activeRequestId, { timeoutMs: remaining(deadline) / 2 });
    return toOutcome(await this.verify.start(request, { timeoutMs: remaining(deadline) }));
  }

  /** Confirms a request with the code it delivered, once Okta reported the sign-in that used it. */
  confirm(requestId: string, code: string): Promise<VerifyCheckResult> {
    return this.verify.check(requestId, code, { timeoutMs: this.backgroundTimeoutMs() });
  }

  /** Ends a request Verify still holds; false covers "already gone" (404) as well as an outage. */
  cancel(requestId: string): Promise<boolean> {
    return this.verify.cancel(requestId, { timeoutMs: this.backgroundTimeoutMs() });
  }

  // Background work has no caller waiting: twice the hook's per-call timeout.
  private backgroundTimeoutMs(): number {
    return this.config.verifyTimeoutMs * 2;
  }
}

function toOutcome(result: VerifyStartResult): DeliveryOutcome {
  switch (result.kind) {
    case 'started':
      return { delivered: true, requestId: result.requestId };
    case 'failed':
      return { delivered: false, reasonCode: FAILURE_REASONS[result.failure], detail: result.detail };
    case 'conflict':
      return STILL_ACTIVE;
  }
}

function remaining(deadline: number): number {
  return Math.max(1, deadline - Date.now());
}
