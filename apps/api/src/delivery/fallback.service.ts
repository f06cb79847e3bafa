import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { CLOCK, Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { TokensService } from '../tokens/tokens.service';
import { AttemptRecoveryService } from './attempt-recovery.service';
import { ActivityService, FallbackSource } from './activity.service';
import { DeliveryService } from './delivery.service';
import type { ActivityEntity } from './activity.entity';
import { TokenError } from '../tokens/token-errors';
import { SEND_METER, SendMeter } from './send-meter';
import { MAX_CHANNEL_TIMEOUT_MS, brandFor, channelTimeoutSeconds, clientRefFor } from './verify-request-fields';

export const SIGN_IN_PROBE = Symbol('SIGN_IN_PROBE');

/** Port to the events module: has Okta reported an SMS/voice sign-in for this user since `since`? */
export interface SignInProbe {
  /** Whether this token's event hook reported an SMS or voice sign-in of the user since `since`. */
  signedInSince(tokenId: string, oktaUserId: string, since: Date): Promise<boolean>;
}

export type FallbackResult = { started: true; activityId: string; requestId: string } | { started: false; reason: string };

export interface VoiceFallbackInput {
  source: FallbackSource & { createdAt: Date; convertedAt: Date | null };
  to: string;
  code: string;
  brand: string;
  locale?: string;
  deadline: number;
}

// A call that starts with less than this left of the OTP's life would deliver a code Okta no longer takes.
const MIN_REMAINING_LIFETIME_MS = 30_000;

/**
 * SMS-to-voice fallback driven by failure signals only (see docs/conversion-and-fallback.md): a
 * synchronous SMS rejection, or Vonage's `failed` event for the SMS. Never calls a user who already
 * converted or whose sign-in Okta already reported, and at most once per SMS attempt.
 */
@Injectable()
export class FallbackService {
  private readonly logger = new Logger(FallbackService.name);

  constructor(
    private readonly delivery: DeliveryService,
    private readonly activity: ActivityService,
    private readonly recovery: AttemptRecoveryService,
    private readonly tokens: TokensService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(SIGN_IN_PROBE) private readonly signIns?: SignInProbe,
    @Optional() @Inject(SEND_METER) private readonly meter?: SendMeter,
  ) {}

  /** After Vonage reported the SMS failed: reads the stored code and destination, then calls. */
  async afterFailedSms(sms: ActivityEntity): Promise<FallbackResult> {
    // A token deleted since the SMS has no policy to follow; any other error (an outage) propagates.
    const token = await this.tokens.get(sms.tokenId).catch((error: unknown) => {
      if (error instanceof TokenError && error.code === 'TOKEN_NOT_FOUND') return null;
      throw error;
    });
    if (!token?.policy.smsToVoiceFallback) return { started: false, reason: 'FALLBACK_DISABLED' };
    const { code, destination } = await this.activity.readSecrets(sms.id);
    if (!code || !destination) return { started: false, reason: 'NO_STORED_CODE' };
    const result = await this.callInstead({
      source: sms,
      to: destination,
      code,
      brand: brandFor(token.policy, this.config.brandName),
      deadline: Date.now() + this.config.verifyTimeoutMs * 2,
    });
    // The call now carries the code; the SMS attempt no longer needs its copies.
    if (result.started) await this.activity.eraseSecrets(sms.id);
    return result;
  }

  /** Places the voice call with the SMS's code, recorded as its own VOICE attempt linked by fallback_of. */
  async callInstead(input: VoiceFallbackInput): Promise<FallbackResult> {
    const { source } = input;
    const now = this.clock.now();
    const remainingMs = source.otpExpiresAt ? source.otpExpiresAt.getTime() - now.getTime() : MAX_CHANNEL_TIMEOUT_MS;
    if (source.convertedAt) return { started: false, reason: 'ALREADY_CONVERTED' };
    if (remainingMs < MIN_REMAINING_LIFETIME_MS) return { started: false, reason: 'OTP_EXPIRING' };
    if (source.oktaUserId && (await this.signIns?.signedInSince(source.tokenId, source.oktaUserId, source.createdAt))) {
      return { started: false, reason: 'USER_ALREADY_SIGNED_IN' };
    }
    const attempt = await this.activity.claimFallback(source, now);
    if (!attempt) return { started: false, reason: 'ALREADY_FALLEN_BACK' };

    const startedAt = Date.now();
    const outcome = await this.delivery.send(
      {
        to: input.to,
        code: input.code,
        channel: 'VOICE',
        brand: input.brand,
        locale: input.locale,
        clientRef: clientRefFor(attempt.id),
        channelTimeout: channelTimeoutSeconds(remainingMs),
      },
      input.deadline,
    );
    const common = { facts: source.facts, latencyMs: Date.now() - startedAt };
    if (!outcome.delivered) {
      this.logger.warn(`Voice fallback for attempt ${source.id} failed: ${outcome.reasonCode}`);
      const flags = [{ code: outcome.reasonCode, detail: outcome.detail }];
      await this.activity.complete(attempt.id, { ...common, status: 'FAILED', reasonCode: outcome.reasonCode, detail: outcome.detail, flags, verifyRequestId: null, code: null });
      return { started: false, reason: outcome.reasonCode };
    }
    await this.recovery.completeDelivered(attempt.id, {
      ...common,
      status: 'SUCCESS',
      reasonCode: 'DELIVERED',
      detail: 'voice fallback after the SMS failed',
      flags: [],
      verifyRequestId: outcome.requestId,
      code: input.code,
    });
    this.meter?.sent({ tokenId: source.tokenId, country: source.country, channel: 'VOICE' });
    return { started: true, activityId: attempt.id, requestId: outcome.requestId };
  }
}
