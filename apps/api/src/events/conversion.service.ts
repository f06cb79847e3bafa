import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Channel } from '@otc/contracts';
import { CLOCK, Clock } from '../common/clock';
import { ActivityService, ConversionMark, ConversionTarget } from '../delivery/activity.service';
import { DeliveryService } from '../delivery/delivery.service';
import { AuthEventEntity } from './auth-event.entity';
import { AuthEventRepository, ConversionRecord } from './auth-event.repository';
import { ConnectorMetrics } from '../metrics/metrics';
import { FraudGuardService } from '../fraud/fraud-guard.service';

/**
 * What became of one job run; `retry` asks the worker to try again later with backoff. `uncounted`:
 * another sign-in of the same batch took the send this one matched; it looks again at once, and the
 * run does not count as an attempt.
 */
export type JobResult = { done: true; note: string } | { done: false; retry: true; error: string; uncounted?: true };

// Okta and we do not share a clock; a sign-in may be published slightly "before" our record of the send.
const CLOCK_SKEW_MS = 60_000;
// Without otpExpires, how old a send may be and still match (Okta's codes live about 5 minutes).
const MAX_OTP_AGE_MS = 15 * 60_000;
// An event can overtake the telephony hook that is still writing its record: look again a few times.
const UNMATCHED_RETRIES = 3;

const CHANNEL_OF_FACTOR: Record<string, Channel> = { SMS_FACTOR: 'SMS', CALL_FACTOR: 'VOICE' };

export interface ConversionJob {
  authEventId: string;
  /** This run's attempt number (1 for the first). */
  attempt: number;
}

/** What one batch writes once every check is back: attempts marked converted, and the conversion records. */
interface BatchWrites {
  marks: ConversionMark[];
  records: ConversionRecord[];
}

/**
 * Conversion: a successful SMS/voice sign-in becomes a Verify check with the code we delivered. Jobs
 * run in batches: one statement finds every sign-in's send, the checks go out together, and one
 * statement each marks the sends and records the outcomes.
 */
@Injectable()
export class ConversionService {
  private readonly logger = new Logger(ConversionService.name);

  constructor(
    private readonly events: AuthEventRepository,
    private readonly activity: ActivityService,
    private readonly delivery: DeliveryService,
    private readonly metrics: ConnectorMetrics,
    private readonly fraudGuard: FraudGuardService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Runs CONVERT jobs; one result per job, in the same order. */
  async convertAll(jobs: ConversionJob[]): Promise<JobResult[]> {
    const events = await this.events.findByIds(jobs.map((j) => j.authEventId));
    const results: JobResult[] = jobs.map(() => ({ done: true, note: 'not a convertible event' }));
    const signIns = jobs.flatMap((job, k) => {
      const event = events.get(job.authEventId);
      const channel = event ? CHANNEL_OF_FACTOR[event.factor ?? ''] : undefined;
      return event?.oktaUserId && channel ? [{ k, job, event, channel }] : [];
    });
    const targets = await this.activity.findConversionTargets(
      signIns.map(({ event, channel }) => ({ tokenId: event.tokenId, oktaUserId: event.oktaUserId!, channel, at: event.published, skewMs: CLOCK_SKEW_MS, maxAgeMs: MAX_OTP_AGE_MS })),
    );
    const writes: BatchWrites = { marks: [], records: [] };
    const taken = new Set<string>();
    await Promise.all(
      signIns.map(({ k, job, event }, n) => {
        const target = targets[n];
        if (target && taken.has(target.originalId)) {
          results[k] = { done: false, retry: true, error: 'another sign-in of this batch matched the same send', uncounted: true };
          return undefined;
        }
        if (target) taken.add(target.originalId);
        return this.convertOne(event, target, job.attempt, writes).then(
          (result) => (results[k] = result),
          (error: Error) => (results[k] = { done: false, retry: true, error: error.message }),
        );
      }),
    );
    await this.activity.markConverted(writes.marks);
    await this.events.recordConversions(writes.records);
    return results;
  }

  private async convertOne(event: AuthEventEntity, target: ConversionTarget | null, attempt: number, writes: BatchWrites): Promise<JobResult> {
    if (!target) {
      if (attempt < UNMATCHED_RETRIES) return { done: false, retry: true, error: 'no matching delivery yet' };
      return this.record(writes, event, 'UNMATCHED', 'NO_MATCHING_DELIVERY: no unconverted send to this user on this channel within the OTP lifetime', null);
    }
    // Okta reported the sign-in: whatever Verify says of the check, the send reached a person.
    await this.fraudGuard.recordConversion(target.tokenId, target.originalId);
    if (!target.verifyRequestId || !target.code) {
      writes.marks.push({ id: target.originalId, at: this.clock.now(), confirmedByVonage: false });
      return this.record(writes, event, 'FAILURE', 'CODE_NOT_AVAILABLE: the code was already erased (expired) or never sent', target.targetId);
    }
    return this.check(writes, event, target, target.verifyRequestId, target.code);
  }

  private async check(writes: BatchWrites, event: AuthEventEntity, target: ConversionTarget, verifyRequestId: string, code: string): Promise<JobResult> {
    const result = await this.delivery.confirm(verifyRequestId, code);
    const now = this.clock.now();
    switch (result.kind) {
      case 'completed':
        this.markBoth(writes, target, now, true);
        return this.record(writes, event, 'SUCCESS', `Verify check completed for request ${verifyRequestId}`, target.targetId);
      case 'not-found':
        // Already verified (a previous run crashed after checking), cancelled or expired at Vonage.
        this.markBoth(writes, target, now, false);
        return this.record(writes, event, 'FAILURE', 'VERIFY_REQUEST_NOT_ACTIVE: Vonage no longer knows an open request (verified, expired or cancelled)', target.targetId);
      case 'invalid-code':
        return this.record(writes, event, 'FAILURE', 'VERIFY_INVALID_CODE: Vonage refused the stored code', target.targetId);
      case 'failed':
        if (result.failure === 'UNAVAILABLE' || result.failure === 'THROTTLED') return { done: false, retry: true, error: result.detail };
        return this.record(writes, event, 'FAILURE', `VONAGE_${result.failure}: ${result.detail}`, target.targetId);
    }
  }

  /** The worker gave up retrying (Vonage down for too long): the failure is recorded with its reason. */
  async gaveUp(authEventId: string, error: string): Promise<void> {
    const event = await this.events.findById(authEventId);
    if (!event) return;
    const writes: BatchWrites = { marks: [], records: [] };
    this.record(writes, event, 'FAILURE', `GAVE_UP_AFTER_RETRIES: ${error}`, null);
    await this.events.recordConversions(writes.records);
  }

  /** Cancels the Verify request of an attempt whose OTP expired unconverted (its code is already erased). */
  async cancelExpired(activityId: string): Promise<JobResult> {
    const attempt = await this.activity.find(activityId);
    if (!attempt?.verifyRequestId || attempt.convertedAt) return { done: true, note: 'nothing to cancel' };
    const cancelled = await this.delivery.cancel(attempt.verifyRequestId);
    // false covers "already gone" (404) as well as outages; the SDK does not tell them apart, and Verify ends the request itself anyway.
    return { done: true, note: cancelled ? 'cancelled' : 'not cancelled (already finished at Vonage or unreachable)' };
  }

  /** The checked attempt, and the SMS it was the fallback of. */
  private markBoth(writes: BatchWrites, target: ConversionTarget, at: Date, confirmedByVonage: boolean): void {
    writes.marks.push({ id: target.targetId, at, confirmedByVonage });
    if (target.targetId !== target.originalId) writes.marks.push({ id: target.originalId, at, confirmedByVonage: false });
  }

  private record(writes: BatchWrites, event: AuthEventEntity, outcome: ConversionRecord['outcome'], reason: string, activityId: string | null): JobResult {
    this.metrics.conversions.inc({ outcome: outcome.toLowerCase() });
    if (outcome !== 'SUCCESS') this.logger.warn(`Conversion of event ${event.eventUuid}: ${outcome} ${reason}`);
    writes.records.push({ tokenId: event.tokenId, source: event, outcome, reason, activityId, at: this.clock.now() });
    return { done: true, note: `${outcome}: ${reason}` };
  }
}
