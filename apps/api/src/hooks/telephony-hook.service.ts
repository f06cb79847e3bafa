import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ActivityFlag, Channel, NumberFactsDto, ReasonCode } from '@otc/contracts';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { CLOCK, Clock } from '../common/clock';
import { ActivityService } from '../delivery/activity.service';
import { AttemptRecoveryService } from '../delivery/attempt-recovery.service';
import { DeliveryOutcome, DeliveryService } from '../delivery/delivery.service';
import { FallbackService } from '../delivery/fallback.service';
import { brandFor, channelTimeoutSeconds, clientRefFor } from '../delivery/verify-request-fields';
import { destinationHash, maskParsedNumber, parsePhoneNumber } from '../common/phone-number';
import { ScreeningService } from '../policy/screening.service';
import { ConnectorMetrics } from '../metrics/metrics';
import type { AuthenticatedToken } from '../tokens/tokens.service';
import { FraudGuardService } from '../fraud/fraud-guard.service';
import { SpendCapService } from '../spend/spend-cap.service';
import { OktaTelephonyAnswer, errorAnswer, providerName, refusalAnswer, successAnswer } from './okta-answer';
import type { ParsedPhone, TelephonyRequest } from './telephony-request';

// What the hook keeps back from its budget for writing the record and answering.
const ANSWER_RESERVE_MS = 150;
const DUPLICATE_POLL_MS = 50;

/** Screens, delivers and records one Okta telephony call, and builds Okta's answer. */
@Injectable()
export class TelephonyHookService {
  private readonly logger = new Logger(TelephonyHookService.name);

  constructor(
    private readonly screening: ScreeningService,
    private readonly delivery: DeliveryService,
    private readonly activity: ActivityService,
    private readonly recovery: AttemptRecoveryService,
    private readonly fallback: FallbackService,
    private readonly fraudGuard: FraudGuardService,
    private readonly spendCap: SpendCapService,
    private readonly metrics: ConnectorMetrics,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get provider(): string {
    return providerName(this.config.sandbox);
  }

  /** `parsed`: the number as a guard already parsed it, if one did. */
  async handle(token: AuthenticatedToken, request: TelephonyRequest, receivedAt: number, parsed?: ParsedPhone): Promise<OktaTelephonyAnswer> {
    const deadline = receivedAt + this.config.hookBudgetMs - ANSWER_RESERVE_MS;
    const phone = parsed?.raw === request.phoneNumber ? parsed.phone : parsePhoneNumber(request.phoneNumber);
    // A lookup that costs nothing goes out with the claim instead of after it (one round trip less to wait for).
    const lookup = this.screening.lookUpIfFree({ policy: token.policy, phone, timeoutMs: deadline - Date.now() });
    const { attempt, duplicate } = await this.activity.claim({
      tokenId: token.id,
      oktaEventId: request.eventId,
      oktaUserId: request.userId,
      oktaLogin: request.login,
      requestType: request.requestType,
      channel: request.channel,
      destinationMasked: maskParsedNumber(phone, request.phoneNumber),
      destinationHash: destinationHash(phone, request.phoneNumber, this.config.encryptionKey),
      country: phone.country,
      otpExpiresAt: request.otpExpires,
      startedAt: this.clock.now(),
    });
    if (duplicate) return this.answerDuplicate(token, attempt.id, deadline);

    const screened = await this.screening.screen({ policy: token.policy, phone, timeoutMs: deadline - Date.now() }, lookup ?? undefined);
    if (!screened.deliver || !phone.digits) {
      await this.finish(attempt.id, request.channel, receivedAt, { status: 'BLOCKED', reasonCode: screened.reasonCode, flags: screened.flags, facts: screened.facts });
      return refusalAnswer(token.policy, this.provider, attempt.id, screened.reasonCode);
    }
    const guardStarted = performance.now();
    const guard = await this.fraudGuard.check({
      tokenId: token.id,
      policy: token.policy,
      attemptId: attempt.id,
      phone,
      requestType: request.requestType,
      channel: request.channel,
      ipAddress: request.ipAddress,
      oktaUserId: request.userId,
    });
    this.metrics.fraudGuardDuration.observe({ mode: token.policy.fraudGuard.mode }, (performance.now() - guardStarted) / 1000);
    const decision = { ...screened, flags: [...guard.flags, ...screened.flags] };
    if (guard.refuse) {
      await this.finish(attempt.id, request.channel, receivedAt, {
        status: 'BLOCKED',
        reasonCode: guard.reasonCode,
        detail: guard.evidence,
        flags: decision.flags,
        facts: decision.facts,
      });
      return refusalAnswer(token.policy, this.provider, attempt.id, guard.reasonCode);
    }
    // Last before sending: only a send that would go out counts towards the token's month.
    const spend = await this.spendCap.reserve({ tokenId: token.id, policy: token.policy, country: phone.country, channel: request.channel });
    if (spend.refuse) {
      const flags = [...decision.flags, { code: spend.reasonCode, detail: spend.detail }];
      await this.finish(attempt.id, request.channel, receivedAt, { status: 'BLOCKED', reasonCode: spend.reasonCode, detail: spend.detail, flags, facts: decision.facts });
      return refusalAnswer(token.policy, this.provider, attempt.id, spend.reasonCode);
    }
    decision.flags.push(...spend.flags);

    const outcome = await this.delivery.send(
      {
        to: phone.digits,
        code: request.code,
        channel: request.channel,
        brand: brandFor(token.policy, this.config.brandName),
        locale: request.locale ?? undefined,
        from: this.config.vonageNumber ?? undefined,
        clientRef: clientRefFor(attempt.id),
        channelTimeout: request.otpExpires ? channelTimeoutSeconds(request.otpExpires.getTime() - this.clock.now().getTime()) : undefined,
      },
      deadline,
    );
    const fallbackEnabled = request.channel === 'SMS' && token.policy.smsToVoiceFallback;
    if (!outcome.delivered) {
      await this.spendCap.release(spend.reservation);
      await this.finish(attempt.id, request.channel, receivedAt, {
        status: 'FAILED',
        reasonCode: outcome.reasonCode,
        detail: outcome.detail,
        flags: [...decision.flags, { code: outcome.reasonCode, detail: outcome.detail }],
        facts: decision.facts,
      });
      const voice = fallbackEnabled ? await this.voiceInstead(token, request, attempt, phone.digits, outcome, deadline) : null;
      if (voice) return successAnswer(this.provider, voice, `channel=VOICE; fallback after SMS ${outcome.reasonCode}`);
      return errorAnswer(outcome.reasonCode);
    }
    const latencyMs = await this.finish(attempt.id, request.channel, receivedAt, {
      status: decision.status === 'SUCCESS' ? 'SUCCESS' : 'FLAGGED',
      reasonCode: decision.reasonCode,
      flags: decision.flags,
      facts: decision.facts,
      verifyRequestId: outcome.requestId,
      code: request.code,
      destination: fallbackEnabled ? phone.digits : null,
    });
    return successAnswer(this.provider, outcome.requestId, `channel=${request.channel}; screening=${decision.status}; ${latencyMs}ms`);
  }

  private async finish(
    id: string,
    channel: Channel,
    receivedAt: number,
    outcome: {
      status: 'SUCCESS' | 'FLAGGED' | 'BLOCKED' | 'FAILED';
      reasonCode: ReasonCode;
      detail?: string;
      flags: ActivityFlag[];
      facts: NumberFactsDto;
      verifyRequestId?: string;
      code?: string;
      destination?: string | null;
    },
  ): Promise<number> {
    const latencyMs = Date.now() - receivedAt;
    const record = { ...outcome, latencyMs, code: outcome.code ?? null };
    // Once a message went out Okta must hear SUCCESSFUL, or it sends the code again through its own provider.
    const { verifyRequestId } = outcome;
    await (verifyRequestId ? this.recovery.completeDelivered(id, { ...record, verifyRequestId }) : this.activity.complete(id, { ...record, verifyRequestId: null }));
    this.metrics.hookRequests.inc({ channel, status: outcome.status, reason: outcome.reasonCode });
    this.metrics.hookDuration.observe({ status: outcome.status }, latencyMs / 1000);
    if (outcome.reasonCode === 'RATE_LIMITED') this.metrics.rateLimitRefusals.inc();
    return latencyMs;
  }

  /** SMS refused synchronously (e.g. not routable): a voice call with the same code, inside the hook's budget. */
  private async voiceInstead(
    token: AuthenticatedToken,
    request: TelephonyRequest,
    sms: Awaited<ReturnType<ActivityService['claim']>>['attempt'],
    to: string,
    outcome: Extract<DeliveryOutcome, { delivered: false }>,
    deadline: number,
  ): Promise<string | null> {
    if (outcome.reasonCode !== 'VONAGE_REJECTED') return null;
    const result = await this.fallback.callInstead({
      source: sms,
      to,
      code: request.code,
      brand: brandFor(token.policy, this.config.brandName),
      locale: request.locale ?? undefined,
      deadline,
    });
    return result.started ? result.requestId : null;
  }

  /** A repeated eventId never sends again: it gets the first attempt's answer once that attempt has one. */
  private async answerDuplicate(token: AuthenticatedToken, id: string, deadline: number): Promise<OktaTelephonyAnswer> {
    for (;;) {
      const first = await this.activity.find(id);
      if (first && first.status !== 'PENDING') {
        // A failed SMS may have been answered with its voice fallback: repeat that answer.
        const delivered = first.verifyRequestId ? first : await this.activity.findFallbackOf(first.id);
        if (delivered?.verifyRequestId) {
          return successAnswer(this.provider, delivered.verifyRequestId, `channel=${delivered.channel}; repeated call, not sent again`);
        }
        return first.status === 'BLOCKED' ? refusalAnswer(token.policy, this.provider, first.id, first.reasonCode) : errorAnswer(first.reasonCode);
      }
      if (Date.now() + DUPLICATE_POLL_MS > deadline) {
        this.logger.warn('Repeated Okta call while the first attempt was still in progress');
        return errorAnswer('INVALID_REQUEST', 'The same request is already being processed');
      }
      await new Promise((resolve) => setTimeout(resolve, DUPLICATE_POLL_MS));
    }
  }
}
