import { Injectable } from '@nestjs/common';
import { REASON_CODES } from '@otc/contracts';
import type { ActivityDto, ActivityFlag, ActivityStatus, Channel, NumberFactsDto, ReasonCode } from '@otc/contracts';
import { ActivityEntity } from './activity.entity';
import { ActivityRepository, AttemptSettlement, CallbackTokenUse, CandidateQuery, Completion, ConversionMark, MovedAttempt, StateChange } from './activity.repository';
import { CodeCipher } from './code-cipher';
import { ActivitySweepRepository, SweepPass } from './activity-sweep.repository';

export type { ConversionMark } from './activity.repository';

export interface AttemptStart {
  tokenId: string;
  oktaEventId: string;
  oktaUserId: string | null;
  oktaLogin: string | null;
  requestType: string | null;
  channel: Channel;
  destinationMasked: string;
  destinationHash: string;
  country: string | null;
  otpExpiresAt: Date | null;
  startedAt: Date;
}

export interface AttemptOutcome {
  status: Exclude<ActivityStatus, 'PENDING'>;
  reasonCode: ReasonCode;
  detail?: string;
  flags: ActivityFlag[];
  facts: NumberFactsDto;
  latencyMs: number;
  verifyRequestId: string | null;
  /** Kept encrypted only when a message went out, for the conversion check. */
  code: string | null;
  /** Destination digits, kept encrypted only when a voice fallback may follow a failed SMS. */
  destination?: string | null;
}

/** The send a sign-in used, and the attempt whose Verify request carried the code. */
export interface ConversionTarget {
  originalId: string;
  tokenId: string;
  targetId: string;
  verifyRequestId: string | null;
  /** Decrypted; null once erased (expired or converted) or never stored. */
  code: string | null;
}

/** What a fallback needs to know about the SMS attempt it follows. */
export type FallbackSource = Pick<
  ActivityEntity,
  'id' | 'tokenId' | 'oktaEventId' | 'oktaUserId' | 'oktaLogin' | 'requestType' | 'destinationMasked' | 'destinationHash' | 'country' | 'otpExpiresAt' | 'facts'
>;

const EMPTY_FACTS: NumberFactsDto = { country: null, networkType: null, carrier: null, insightsMs: null };

/** Records every OTP attempt; the only writer of `otp_activity`. */
@Injectable()
export class ActivityService {
  constructor(
    private readonly activity: ActivityRepository,
    private readonly sweeps: ActivitySweepRepository,
    private readonly cipher: CodeCipher,
  ) {}

  /** Claims an Okta call by eventId; `duplicate` carries the first attempt when the call was seen before. */
  async claim(start: AttemptStart): Promise<{ attempt: ActivityEntity; duplicate: boolean }> {
    const claimed = await this.activity.claim({
      ...start,
      createdAt: start.startedAt,
      status: 'PENDING',
      reasonCode: 'DELIVERED',
      description: 'Screening and sending',
      flags: [],
      facts: { ...EMPTY_FACTS, country: start.country },
      latencyMs: 0,
      verifyRequestId: null,
      codeCiphertext: null,
      fallbackOf: null,
    });
    if (claimed) return { attempt: claimed, duplicate: false };
    const first = await this.activity.findFirstAttempt(start.tokenId, start.oktaEventId);
    if (!first) throw new Error('Duplicate Okta eventId but no first attempt found');
    return { attempt: first, duplicate: true };
  }

  async complete(id: string, outcome: AttemptOutcome): Promise<void> {
    await this.activity.complete(id, this.changesFor(outcome));
  }

  /**
   * The same for an attempt whose send the send journal holds until the record is surely on disk
   * (attempt-recovery.service.ts): visible to every instance on return, flushed by PostgreSQL
   * shortly after (asynchronous commit), and restored from the journal if the database crashed first.
   */
  async completeJournalled(id: string, outcome: AttemptOutcome): Promise<void> {
    await this.activity.complete(id, this.changesFor(outcome), true);
  }

  /** A late completion (from the send journal): applies only to an attempt nothing else settled. */
  completeUnsettled(id: string, outcome: AttemptOutcome): Promise<boolean> {
    return this.activity.completeUnsettled(id, this.changesFor(outcome));
  }

  /**
   * Resolves attempts a crash or an outage left PENDING since before `staleBefore`: one pass of the
   * interrupted sweep over at most `limit` attempts; `skewMs` is how far instances' clocks may differ.
   */
  interruptStale(staleBefore: Date, skewMs: number, limit: number): Promise<SweepPass<string>> {
    return this.sweeps.interruptStale(staleBefore, skewMs, limit, describe('INTERRUPTED', []));
  }

  /** Names the Verify request an interrupted attempt had started, and whether Verify cancelled it. */
  attachInterruptedRequest(id: string, verifyRequestId: string, cancelled: boolean): Promise<boolean> {
    const detail = cancelled ? 'its Verify request was cancelled' : 'Verify did not confirm the cancel';
    return this.activity.attachInterruptedRequest(id, verifyRequestId, describe('INTERRUPTED', [], detail));
  }

  private changesFor(outcome: AttemptOutcome): Completion {
    return {
      status: outcome.status,
      reasonCode: outcome.reasonCode,
      description: describe(outcome.reasonCode, outcome.flags, outcome.detail),
      flags: outcome.flags,
      facts: outcome.facts,
      latencyMs: outcome.latencyMs,
      verifyRequestId: outcome.verifyRequestId,
      deliveryState: outcome.verifyRequestId ? 'PENDING' : null,
      codeCiphertext: outcome.code && outcome.verifyRequestId ? this.cipher.encrypt(outcome.code) : null,
      ...(outcome.destination && outcome.verifyRequestId ? { destinationCiphertext: this.cipher.encrypt(outcome.destination) } : {}),
    };
  }

  /** Claims the one voice attempt that may follow an SMS attempt; null when it already exists. */
  async claimFallback(source: FallbackSource, startedAt: Date): Promise<ActivityEntity | null> {
    return this.activity.claim({
      tokenId: source.tokenId,
      oktaEventId: source.oktaEventId,
      oktaUserId: source.oktaUserId,
      oktaLogin: source.oktaLogin,
      requestType: source.requestType,
      destinationMasked: source.destinationMasked,
      destinationHash: source.destinationHash,
      country: source.country,
      otpExpiresAt: source.otpExpiresAt,
      facts: source.facts,
      createdAt: startedAt,
      channel: 'VOICE',
      status: 'PENDING',
      reasonCode: 'DELIVERED',
      description: 'Voice fallback: sending',
      flags: [],
      latencyMs: 0,
      verifyRequestId: null,
      codeCiphertext: null,
      fallbackOf: source.id,
    });
  }

  /**
   * For each sign-in (same order), the send it used and the attempt to check with Vonage (its voice
   * fallback when one followed), with the stored code decrypted; null where nothing matches.
   */
  async findConversionTargets(queries: CandidateQuery[]): Promise<Array<ConversionTarget | null>> {
    const matches = await this.activity.findConversionMatches(queries);
    return matches.map((m) =>
      m ? { originalId: m.originalId, tokenId: m.tokenId, targetId: m.targetId, verifyRequestId: m.verifyRequestId, code: m.codeCiphertext ? this.cipher.decrypt(m.codeCiphertext) : null } : null,
    );
  }

  findFallbackOf(id: string): Promise<ActivityEntity | null> {
    return this.activity.findFallbackOf(id);
  }

  /** The stored code and destination, decrypted; null fields once erased (converted or expired). */
  async readSecrets(id: string): Promise<{ code: string | null; destination: string | null }> {
    const row = await this.activity.findSecrets(id);
    return {
      code: row?.codeCiphertext ? this.cipher.decrypt(row.codeCiphertext) : null,
      destination: row?.destinationCiphertext ? this.cipher.decrypt(row.destinationCiphertext) : null,
    };
  }

  /** Sets converted_at once per attempt and erases its stored code and destination. */
  markConverted(marks: ConversionMark[]): Promise<void> {
    return this.activity.markConverted(marks);
  }

  eraseSecrets(id: string): Promise<void> {
    return this.activity.eraseSecrets(id);
  }

  /** One pass of the expiry sweep over at most `limit` attempts: erases codes due by `now`, returns those attempts (what to cancel). */
  claimExpired(now: Date, limit: number): Promise<SweepPass<{ id: string; verifyRequestId: string | null }>> {
    return this.sweeps.claimExpired(now, limit);
  }

  recordDeliveryState(verifyRequestId: string, change: StateChange): Promise<MovedAttempt | null> {
    return this.activity.recordDeliveryState(verifyRequestId, change);
  }

  recordDeliveryStateOnce(verifyRequestId: string, change: StateChange, token: CallbackTokenUse): Promise<{ firstUse: boolean; moved: MovedAttempt | null }> {
    return this.activity.recordDeliveryStateOnce(verifyRequestId, change, token);
  }

  findByVerifyRequestId(verifyRequestId: string): Promise<ActivityEntity | null> {
    return this.activity.findByVerifyRequestId(verifyRequestId);
  }

  find(id: string): Promise<ActivityEntity | null> {
    return this.activity.findById(id);
  }

  /** Where the attempts with these ids stand, by id (missing ids are absent). */
  async findSettlements(ids: string[]): Promise<Map<string, AttemptSettlement>> {
    const found = ids.length > 0 ? await this.activity.findSettlements(ids) : [];
    return new Map(found.map((attempt) => [attempt.id, attempt]));
  }

  toDto(entity: ActivityEntity, tokenShortId: string): ActivityDto {
    return {
      id: entity.id,
      createdAt: entity.createdAt.toISOString(),
      tokenId: entity.tokenId,
      tokenShortId,
      channel: entity.channel,
      destination: entity.destinationMasked,
      status: entity.status,
      reasonCode: entity.reasonCode,
      description: entity.description,
      flags: entity.flags,
      facts: entity.facts,
      latencyMs: entity.latencyMs,
      deliveryState: entity.deliveryState,
      verifyRequestId: entity.verifyRequestId,
      oktaUserId: entity.oktaUserId,
      oktaLogin: entity.oktaLogin,
      oktaEventId: entity.oktaEventId,
      requestType: entity.requestType,
      fallbackOf: entity.fallbackOf,
      convertedAt: entity.convertedAt?.toISOString() ?? null,
    };
  }
}

/** The human description shown on the dashboard: the primary reason, then every flag. */
export function describe(reasonCode: ReasonCode, flags: ActivityFlag[], detail?: string): string {
  const primary = REASON_CODES[reasonCode].description + (detail ? ` (${detail})` : '');
  const others = flags.filter((f) => f.code !== reasonCode).map((f) => `${f.code}${f.detail ? `: ${f.detail}` : ''}`);
  return others.length > 0 ? `${primary} Flags: ${others.join('; ')}` : primary;
}
