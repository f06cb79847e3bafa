import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { FraudRefusalDto, FraudReasonCode, Page } from '@otc/contracts';
import type { EntityManager } from 'typeorm';
import { CLOCK, Clock } from '../common/clock';
import { Cursor, encodeCursor, toPage } from '../common/page';
import { FraudAlertsService } from './fraud-alerts.service';
import { FraudRefusalEntity } from './fraud-refusal.entity';
import { FraudRefusalsRepository } from './fraud-refusals.repository';
import { RefusalState, isActive, openRefusal, recordStop } from './refusal-ladder';

export type ActiveRefusal = RefusalState & { id: string };

// Another instance's new refusal or an admin's lift reaches this instance within about this long.
const CACHE_MS = 1000;
// A token idle for longer than this waits for a fresh list on its next call.
const STALE_MS = 30_000;

interface CacheEntry {
  refusals: ActiveRefusal[];
  loadedAt: number;
}

/** The fraud guard's refusals: durable in PostgreSQL, read through a short cache on the hook's path. */
@Injectable()
export class FraudRefusalsService implements OnApplicationShutdown {
  private readonly logger = new Logger(FraudRefusalsService.name);
  private readonly cache = new Map<string, CacheEntry>();
  private readonly loading = new Map<string, Promise<ActiveRefusal[]>>();
  private readonly pendingStops = new Map<string, ActiveRefusal & { stops: number }>();
  private flushTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly repo: FraudRefusalsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly alerts: FraudAlertsService,
  ) {}

  /**
   * Active refusals of a token. Within CACHE_MS the cached list; up to STALE_MS the cached list
   * while a reload runs in the background, so the hook never waits on the database for it; past
   * that (or with nothing cached) the hook waits for the reload. A failed reload keeps the last list.
   */
  async active(tokenId: string): Promise<ActiveRefusal[]> {
    const entry = this.cache.get(tokenId);
    const age = entry ? Date.now() - entry.loadedAt : Infinity;
    if (entry && age < CACHE_MS) return entry.refusals;
    if (entry && age < STALE_MS) {
      this.reload(tokenId).catch((error: Error) => this.logger.warn(`Could not reload fraud refusals: ${error.message}`));
      return entry.refusals;
    }
    try {
      return await this.reload(tokenId);
    } catch (error) {
      if (entry) return entry.refusals;
      throw error;
    }
  }

  /**
   * The list to refuse on: the cached one only while it is younger than CACHE_MS, otherwise a fresh
   * read, so a refusal lifted on another instance stops refusing here within CACHE_MS.
   */
  async fresh(tokenId: string): Promise<ActiveRefusal[]> {
    const entry = this.cache.get(tokenId);
    if (entry && Date.now() - entry.loadedAt < CACHE_MS) return entry.refusals;
    try {
      return await this.reload(tokenId);
    } catch (error) {
      if (entry) return entry.refusals;
      throw error;
    }
  }

  private reload(tokenId: string): Promise<ActiveRefusal[]> {
    let load = this.loading.get(tokenId);
    if (!load) {
      // The list is as old as the read's start: a lift committed while it ran must not look a second younger.
      const startedAt = Date.now();
      load = this.repo
        .findActive(tokenId, this.clock.now())
        .then((rows) => {
          const refusals = rows.map(toState);
          this.cache.set(tokenId, { refusals, loadedAt: startedAt });
          return refusals;
        })
        .finally(() => this.loading.delete(tokenId));
      this.loading.set(tokenId, load);
    }
    return load;
  }

  /** The active refusals a hot-path check can use without waiting: what the cache holds. */
  cached(tokenId: string): ActiveRefusal[] {
    return this.cache.get(tokenId)?.refusals ?? [];
  }

  /** Opens (or escalates) the refusal of a scope, puts it in this instance's cache at once and records its alert. */
  async open(finding: Pick<RefusalState, 'tokenId' | 'scopeKind' | 'scopeKey' | 'scopeLabel' | 'reasonCode' | 'evidence'>, expiryMinutes: number[]): Promise<ActiveRefusal> {
    const previous = await this.repo.findScope(finding.tokenId, finding.scopeKind, finding.scopeKey);
    const now = this.clock.now();
    const row = await this.repo.open(openRefusal(previous ? toState(previous) : null, finding, now, expiryMinutes));
    const opened = toState(row);
    const entry = this.cache.get(finding.tokenId);
    const others = (entry?.refusals ?? []).filter((r) => r.id !== opened.id);
    this.cache.set(finding.tokenId, { refusals: [opened, ...others], loadedAt: entry?.loadedAt ?? 0 });
    await this.alerts.refusalOpened(opened);
    return opened;
  }

  /** Counts a request the refusal stopped; written in batches, once a second. */
  noteStopped(refusal: ActiveRefusal, expiryMinutes: number[]): void {
    const updated = recordStop(refusal, this.clock.now(), expiryMinutes);
    Object.assign(refusal, { requestsStopped: updated.requestsStopped, level: updated.level, until: updated.until });
    const pending = this.pendingStops.get(refusal.id);
    this.pendingStops.set(refusal.id, { ...refusal, stops: (pending?.stops ?? 0) + 1 });
    this.flushTimer ??= setTimeout(() => void this.flushStops(), CACHE_MS);
  }

  /** For the admin fraud page: active refusals, newest first. */
  async list(tokenId: string | null): Promise<FraudRefusalDto[]> {
    const rows = await this.repo.findActive(tokenId, this.clock.now());
    return rows.map(toRefusalDto);
  }

  /** For the admin fraud page: every refusal in force at some point in the last `days` days. */
  async recent(tokenId: string | null, days: number): Promise<FraudRefusalDto[]> {
    const rows = await this.repo.findRecent(tokenId, new Date(this.clock.now().getTime() - days * 86_400_000));
    return rows.map(toRefusalDto);
  }

  /** A page of the refusals in force at some point after `endsAfter`, newest first (now: those in force). */
  async page(tokenId: string | null, endsAfter: Date, after: Cursor | null, limit: number): Promise<Page<FraudRefusalDto>> {
    const rows = await this.repo.page(tokenId, endsAfter, after, limit + 1);
    return toPage(rows, limit, (r) => toRefusalDto(r.entity), (r) => encodeCursor({ at: r.at, id: r.entity.id }));
  }

  /** One refusal, active or not; null when there is none with this id. */
  async find(id: string): Promise<ActiveRefusal | null> {
    const row = await this.repo.findById(id);
    return row ? toState(row) : null;
  }

  /**
   * Lifts a refusal now, on every instance within the cache time; null when none was active. In a
   * caller's transaction, the caller calls `forget` once it committed.
   */
  async lift(id: string, em?: EntityManager): Promise<ActiveRefusal | null> {
    const row = await this.repo.findById(id);
    const now = this.clock.now();
    if (!row || !(await this.repo.lift(id, now, em))) return null;
    if (!em) this.forget(row.tokenId);
    return { ...toState(row), until: now, liftedAt: now };
  }

  /** Drops this instance's list of a token's refusals: the next call reads the table. */
  forget(tokenId: string): void {
    this.cache.delete(tokenId);
  }

  async flushStops(): Promise<void> {
    this.flushTimer = null;
    const batch = [...this.pendingStops.values()];
    this.pendingStops.clear();
    for (const r of batch) {
      await this.repo.addStops(r.id, r.stops, r.level, r.until).catch((error: Error) => this.logger.warn(`Could not record stopped requests: ${error.message}`));
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    await this.flushStops();
  }

  isActive(refusal: ActiveRefusal): boolean {
    return isActive(refusal, this.clock.now());
  }
}

function toState(row: FraudRefusalEntity): ActiveRefusal {
  return {
    id: row.id,
    tokenId: row.tokenId,
    scopeKind: row.scopeKind,
    scopeKey: row.scopeKey,
    scopeLabel: row.scopeLabel,
    reasonCode: row.reasonCode as FraudReasonCode,
    evidence: row.evidence,
    level: row.level,
    since: row.since,
    until: row.until,
    requestsStopped: row.requestsStopped,
    liftedAt: row.liftedAt,
  };
}

export function toRefusalDto(row: Omit<ActiveRefusal, 'scopeKey'>): FraudRefusalDto {
  return {
    id: row.id,
    tokenId: row.tokenId,
    scopeKind: row.scopeKind,
    scopeLabel: row.scopeLabel,
    reasonCode: row.reasonCode,
    evidence: row.evidence,
    since: row.since.toISOString(),
    until: row.until.toISOString(),
    level: row.level,
    requestsStopped: row.requestsStopped,
    liftedAt: row.liftedAt?.toISOString() ?? null,
  };
}
