import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Channel } from '@otc/contracts';
import { CLOCK, Clock } from '../common/clock';
import type { ActivityEntity } from '../delivery/activity.entity';
import { ActivityService } from '../delivery/activity.service';
import { DeliveryService } from '../delivery/delivery.service';
import { AuthEventEntity } from './auth-event.entity';
import { AuthEventRepository } from './auth-event.repository';
import { ConnectorMetrics } from '../metrics/metrics';
import { FraudGuardService } from '../fraud/fraud-guard.service';

/** What became of one job run; `retry` asks the worker to try again later with backoff. */
export type JobResult = { done: true; note: string } | { done: false; retry: true; error: string };

// Okta and we do not share a clock; a sign-in may be published slightly "before" our record of the send.
const CLOCK_SKEW_MS = 60_000;
// Without otpExpires, how old a send may be and still match (Okta's codes live about 5 minutes).
const MAX_OTP_AGE_MS = 15 * 60_000;
// An event can overtake the telephony hook that is still writing its record: look again a few times.
const UNMATCHED_RETRIES = 3;

const CHANNEL_OF_FACTOR: Record<string, Channel> = { SMS_FACTOR: 'SMS', CALL_FACTOR: 'VOICE' };

/** Conversion: a successful SMS/voice sign-in becomes a Verify check with the code we delivered. */
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

  async convert(authEventId: string, attempt: number): Promise<JobResult> {
    const event = await this.events.findById(authEventId);
    const channel = event ? CHANNEL_OF_FACTOR[event.factor ?? ''] : undefined;
    if (!event || !event.oktaUserId || !channel) return { done: true, note: 'not a convertible event' };
    const original = await this.activity.findConversionCandidate({
      oktaUserId: event.oktaUserId,
      channel,
      at: event.published,
      skewMs: CLOCK_SKEW_MS,
      maxAgeMs: MAX_OTP_AGE_MS,
    });
    if (!original) {
      if (attempt < UNMATCHED_RETRIES) return { done: false, retry: true, error: 'no matching delivery yet' };
      return this.record(event, 'UNMATCHED', 'NO_MATCHING_DELIVERY: no unconverted send to this user on this channel within the OTP lifetime', null);
    }
    // Okta reported the sign-in: whatever Verify says of the check, the send reached a person.
    await this.fraudGuard.recordConversion(original.tokenId, original.id);
    // When a voice fallback followed the SMS, the call carried the code: that is the request to check.
    const target = (await this.activity.findFallbackOf(original.id)) ?? original;
    const { code } = await this.activity.readSecrets(target.id);
    if (!target.verifyRequestId || !code) {
      await this.activity.markConverted(original.id, this.clock.now(), false);
      return this.record(event, 'FAILURE', 'CODE_NOT_AVAILABLE: the code was already erased (expired) or never sent', target);
    }
    return this.check(event, original, target, code);
  }

  private async check(event: AuthEventEntity, original: ActivityEntity, target: ActivityEntity, code: string): Promise<JobResult> {
    const result = await this.delivery.confirm(target.verifyRequestId!, code);
    const now = this.clock.now();
    switch (result.kind) {
      case 'completed':
        await this.markBoth(original, target, now, true);
        return this.record(event, 'SUCCESS', `Verify check completed for request ${target.verifyRequestId}`, target);
      case 'not-found':
        // Already verified (a previous run crashed after checking), cancelled or expired at Vonage.
        await this.markBoth(original, target, now, false);
        return this.record(event, 'FAILURE', 'VERIFY_REQUEST_NOT_ACTIVE: Vonage no longer knows an open request (verified, expired or cancelled)', target);
      case 'invalid-code':
        return this.record(event, 'FAILURE', 'VERIFY_INVALID_CODE: Vonage refused the stored code', target);
      case 'failed':
        if (result.failure === 'UNAVAILABLE' || result.failure === 'THROTTLED') return { done: false, retry: true, error: result.detail };
        return this.record(event, 'FAILURE', `VONAGE_${result.failure}: ${result.detail}`, target);
    }
  }

  /** The worker gave up retrying (Vonage down for too long): the failure is recorded with its reason. */
  async gaveUp(authEventId: string, error: string): Promise<void> {
    const event = await this.events.findById(authEventId);
    if (event) await this.record(event, 'FAILURE', `GAVE_UP_AFTER_RETRIES: ${error}`, null);
  }

  /** Cancels the Verify request of an attempt whose OTP expired unconverted (its code is already erased). */
  async cancelExpired(activityId: string): Promise<JobResult> {
    const attempt = await this.activity.find(activityId);
    if (!attempt?.verifyRequestId || attempt.convertedAt) return { done: true, note: 'nothing to cancel' };
    const cancelled = await this.delivery.cancel(attempt.verifyRequestId);
    // false covers "already gone" (404) as well as outages; the SDK does not tell them apart, and Verify ends the request itself anyway.
    return { done: true, note: cancelled ? 'cancelled' : 'not cancelled (already finished at Vonage or unreachable)' };
  }

  private async markBoth(original: ActivityEntity, target: ActivityEntity, at: Date, confirmed: boolean): Promise<void> {
    await this.activity.markConverted(target.id, at, confirmed);
    if (target.id !== original.id) await this.activity.markConverted(original.id, at, false);
  }

  private async record(event: AuthEventEntity, outcome: 'SUCCESS' | 'FAILURE' | 'UNMATCHED', reason: string, target: ActivityEntity | null): Promise<JobResult> {
    this.metrics.conversions.inc({ outcome: outcome.toLowerCase() });
    if (outcome !== 'SUCCESS') this.logger.warn(`Conversion of event ${event.eventUuid}: ${outcome} ${reason}`);
    await this.events.recordConversion({ tokenId: event.tokenId, source: event, outcome, reason, activityId: target?.id ?? null, at: this.clock.now() });
    return { done: true, note: `${outcome}: ${reason}` };
  }
}
