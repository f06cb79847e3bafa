import { Injectable } from '@nestjs/common';
import { REASON_CODES } from '@otc/contracts';
import type { ActivityDto, ActivityFlag, ActivityStatus, Channel, NumberFactsDto, ReasonCode } from '@otc/contracts';
import { ActivityEntity } from './activity.entity';
import { ActivityRepository } from './activity.repository';
import { CodeCipher } from './code-cipher';

export interface AttemptStart {
  tokenId: string;
  oktaEventId: string;
  oktaUserId: string | null;
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
}

const EMPTY_FACTS: NumberFactsDto = { country: null, networkType: null, carrier: null, insightsMs: null };

/** Records every OTP attempt; the only writer of `otp_activity`. */
@Injectable()
export class ActivityService {
  constructor(
    private readonly activity: ActivityRepository,
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
    await this.activity.update(id, {
      status: outcome.status,
      reasonCode: outcome.reasonCode,
      description: describe(outcome.reasonCode, outcome.flags, outcome.detail),
      flags: outcome.flags,
      facts: outcome.facts,
      latencyMs: outcome.latencyMs,
      verifyRequestId: outcome.verifyRequestId,
      deliveryState: outcome.verifyRequestId ? 'PENDING' : null,
      codeCiphertext: outcome.code && outcome.verifyRequestId ? this.cipher.encrypt(outcome.code) : null,
    });
  }

  find(id: string): Promise<ActivityEntity | null> {
    return this.activity.findById(id);
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
      oktaEventId: entity.oktaEventId,
      requestType: entity.requestType,
      fallbackOf: entity.fallbackOf,
    };
  }
}

/** The human description shown on the dashboard: the primary reason, then every flag. */
export function describe(reasonCode: ReasonCode, flags: ActivityFlag[], detail?: string): string {
  const primary = REASON_CODES[reasonCode].description + (detail ? ` (${detail})` : '');
  const others = flags.filter((f) => f.code !== reasonCode).map((f) => `${f.code}${f.detail ? `: ${f.detail}` : ''}`);
  return others.length > 0 ? `${primary} Flags: ${others.join('; ')}` : primary;
}
