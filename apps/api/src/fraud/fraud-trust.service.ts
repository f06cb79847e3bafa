import { Inject, Injectable } from '@nestjs/common';
import type { TrustedEntryDto, TrustedKind } from '@otc/contracts';
import type { EntityManager } from 'typeorm';
import { CLOCK, Clock } from '../common/clock';
import { hashPhoneNumber } from '../common/phone-number';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { FraudError } from './fraud-errors';
import { FraudTrustEntity } from './fraud-trust.entity';
import { FraudTrustRepository } from './fraud-trust.repository';
import { FraudRefusalsService } from './fraud-refusals.service';
import { TrustProbe, TrustTarget, trustCovers, trustTargetOf, trustTargetOfScope } from './trusted-entries';

// An entry added or removed on another instance holds here within about this long.
const CACHE_MS = 1000;

export interface NewTrust {
  tokenId: string | null;
  comment: string;
  expiresInDays: number;
  createdBy: string;
}

/** The trusted list: read by the guard only when it is about to refuse, through a one-second cache. */
@Injectable()
export class FraudTrustService {
  private cache: { entries: FraudTrustEntity[]; loadedAt: number } | null = null;
  private loading: Promise<FraudTrustEntity[]> | null = null;

  constructor(
    private readonly repo: FraudTrustRepository,
    private readonly refusals: FraudRefusalsService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The unexpired entry that covers this send, or null. */
  async covering(probe: TrustProbe): Promise<FraudTrustEntity | null> {
    const now = this.clock.now();
    return (await this.entries()).find((e) => e.expiresAt > now && trustCovers(e, probe)) ?? null;
  }

  async list(): Promise<TrustedEntryDto[]> {
    return (await this.repo.findUnexpired(this.clock.now())).map(toDto);
  }

  // Writes take an optional EntityManager: the admin side runs them in one transaction with their audit entry.

  /** Trusts a number, block or user as an admin typed it. */
  async add(kind: TrustedKind, value: string, trust: NewTrust, em?: EntityManager): Promise<TrustedEntryDto> {
    const target = trustTargetOf(kind, value, (v) => hashPhoneNumber(v, this.config.encryptionKey));
    if (typeof target === 'string') throw new FraudError('INVALID_TRUSTED_ENTRY', target, [{ field: 'value', message: target }]);
    return this.addTarget(target, trust, em);
  }

  /** Trusts what a refusal refused (its number, block, prefix or user) for the refusal's token. */
  async addFromRefusal(refusalId: string, trust: Omit<NewTrust, 'tokenId'>, em?: EntityManager): Promise<TrustedEntryDto> {
    const refusal = await this.refusals.find(refusalId);
    if (!refusal) throw new FraudError('FRAUD_REFUSAL_NOT_FOUND', 'No refusal with this id');
    const target = trustTargetOfScope(refusal.scopeKind, refusal.scopeKey, refusal.scopeLabel);
    if (!target) {
      const message = `a refusal of a ${refusal.scopeKind.toLowerCase().replace('_', ' ')} cannot be trusted: trust a number, block or Okta user`;
      throw new FraudError('INVALID_TRUSTED_ENTRY', message, [{ field: 'id', message }]);
    }
    return this.addTarget(target, { ...trust, tokenId: refusal.tokenId }, em);
  }

  private async addTarget(target: TrustTarget, trust: NewTrust, em?: EntityManager): Promise<TrustedEntryDto> {
    const now = this.clock.now();
    const row = await this.repo.add({
      ...target,
      tokenId: trust.tokenId,
      comment: trust.comment,
      createdBy: trust.createdBy,
      createdAt: now,
      expiresAt: new Date(now.getTime() + trust.expiresInDays * 86_400_000),
    }, em);
    this.cache = null;
    return toDto(row);
  }

  async remove(id: string, em?: EntityManager): Promise<Pick<TrustedEntryDto, 'id' | 'kind' | 'label' | 'tokenId'>> {
    const removed = await this.repo.remove(id, em);
    if (!removed) throw new FraudError('TRUSTED_ENTRY_NOT_FOUND', 'No trusted entry with this id');
    this.cache = null;
    return removed;
  }

  private async entries(): Promise<FraudTrustEntity[]> {
    if (this.cache && Date.now() - this.cache.loadedAt < CACHE_MS) return this.cache.entries;
    this.loading ??= this.repo
      .findUnexpired(this.clock.now())
      .then((entries) => {
        this.cache = { entries, loadedAt: Date.now() };
        return entries;
      })
      .finally(() => (this.loading = null));
    return this.loading;
  }
}

function toDto(row: FraudTrustEntity): TrustedEntryDto {
  return {
    id: row.id,
    kind: row.kind,
    label: row.label,
    tokenId: row.tokenId,
    comment: row.comment,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    expiresAt: row.expiresAt.toISOString(),
  };
}
