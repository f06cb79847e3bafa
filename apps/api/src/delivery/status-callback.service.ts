import { Injectable, Logger } from '@nestjs/common';
import type { DeliveryState } from '@otc/contracts';
import { ActivityService, describe } from './activity.service';
import { AttemptRecoveryService } from './attempt-recovery.service';
import type { CallbackTokenUse, MovedAttempt, StateChange } from './activity.repository';
import { CallbackReplayRepository } from './callback-replay.repository';
import { FallbackService } from './fallback.service';

/** A Verify v2 callback reduced to what we record. */
export interface VerifyCallback {
  type: 'event' | 'summary' | 'unknown';
  requestId: string;
  status: string;
  /** Vonage's reason on a blocked or failed step, e.g. the anti-fraud network block. */
  reason: string | null;
}

export type CallbackOutcome =
  | { replayed: false; state: DeliveryState | 'UNKNOWN'; activityId: string | null; fallback: string | null }
  /** The callback's token was used before (on any instance): nothing was changed. */
  | { replayed: true };

// How long a callback waits for its attempt's record to name the request (inside the hook's budget).
const RECORD_WAIT_MS = 3000;
const RECORD_POLL_MS = 100;

const OPEN: Array<DeliveryState | null> = [null, 'PENDING', 'DELIVERED'];

/** The one mapping from Verify callback statuses to our delivery states; unknown values change nothing. */
export function stateChangeFor(callback: VerifyCallback): StateChange | null {
  const key = `${callback.type}:${callback.status}`;
  switch (key) {
    case 'event:completed':
      return { state: 'DELIVERED', from: [null, 'PENDING'] };
    case 'event:failed':
    case 'event:rejected':
    case 'event:user_rejected':
    case 'summary:failed':
    case 'summary:user_rejected':
      return {
        state: 'FAILED',
        from: OPEN,
        reasonCode: 'DELIVERY_FAILED',
        description: describe('DELIVERY_FAILED', [], callback.reason ?? `Vonage ${callback.type} status ${callback.status}`),
      };
    case 'summary:expired':
      return { state: 'EXPIRED', from: OPEN };
    case 'summary:completed':
      return { state: 'CONVERTED', from: OPEN };
    case 'summary:blocked': {
      const detail = callback.reason ?? 'no reason given';
      return {
        state: 'BLOCKED_BY_VONAGE',
        from: [...OPEN, 'FAILED'],
        reasonCode: 'VONAGE_BLOCKED',
        description: describe('VONAGE_BLOCKED', [], detail),
        flag: { code: 'VONAGE_BLOCKED', detail },
      };
    }
    default:
      return null;
  }
}

/** Applies Vonage's status callbacks to the activity record and starts the voice fallback on a failed SMS. */
@Injectable()
export class StatusCallbackService {
  private readonly logger = new Logger(StatusCallbackService.name);

  constructor(
    private readonly activity: ActivityService,
    private readonly fallback: FallbackService,
    private readonly recovery: AttemptRecoveryService,
    private readonly replays: CallbackReplayRepository,
  ) {}

  /**
   * Applies a signed callback once: its token is recorded in the statement that applies the change
   * (one round trip), so a replay changes nothing and a change that fails leaves the token unused.
   */
  async apply(callback: VerifyCallback, token: CallbackTokenUse): Promise<CallbackOutcome> {
    const change = stateChangeFor(callback);
    if (!change) {
      if (!(await this.replays.firstUse(token.jti, token.rememberUntil))) return { replayed: true };
      this.logger.debug(`Ignoring Verify callback ${callback.type}:${callback.status}`);
      return { replayed: false, state: 'UNKNOWN', activityId: null, fallback: null };
    }
    await this.replays.forgetExpiredNowAndThen();
    const first = await this.activity.recordDeliveryStateOnce(callback.requestId, change, token);
    if (!first.firstUse) return { replayed: true };
    const attempt = first.moved ?? (await this.attemptFor(callback.requestId, change));
    if (!attempt) return { replayed: false, state: change.state, activityId: null, fallback: null };
    let fallback: string | null = null;
    if (change.state === 'FAILED' && attempt.channel === 'SMS' && !attempt.fallbackOf) {
      // The whole record only here: the voice call reads the SMS attempt's token, expiry and codes.
      const sms = await this.activity.find(attempt.id);
      const result = sms ? await this.fallback.afterFailedSms(sms) : null;
      fallback = result ? (result.started ? result.activityId : result.reason) : null;
    }
    return { replayed: false, state: change.state, activityId: attempt.id, fallback };
  }

  /**
   * A repeated or late callback does not move the state, but still identifies the attempt. A callback
   * may overtake the write that gives its attempt the request id (Vonage sends an anti-fraud block
   * with the request itself): look again for a moment before treating the id as unknown. That write
   * can also commit between the conditional update and the lookup; a record found in a state the
   * change applies to lost that race, and gets the change on the next pass. When the write failed,
   * the record waits in the send journal for a sweep that may come after the callback gave up (and
   * Vonage does not repeat a callback it had a 2xx for): write it from the journal now.
   */
  private async attemptFor(requestId: string, change: StateChange): Promise<MovedAttempt | null> {
    const until = Date.now() + RECORD_WAIT_MS;
    // Called after a conditional update that moved nothing: look, then update again.
    for (;;) {
      const attempt = await this.activity.findByVerifyRequestId(requestId);
      if (attempt && (!change.from.includes(attempt.deliveryState) || Date.now() >= until)) return attempt;
      if (!attempt && !(await this.recovery.recordJournalledOutcome(requestId))) {
        if (Date.now() >= until) return null;
        await new Promise((resolve) => setTimeout(resolve, RECORD_POLL_MS));
      }
      const moved = await this.activity.recordDeliveryState(requestId, change);
      if (moved) return moved;
    }
  }
}
