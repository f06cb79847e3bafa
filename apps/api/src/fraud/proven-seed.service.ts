import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { performance } from 'perf_hooks';
import { CLOCK, Clock } from '../common/clock';
import { withDeadline } from '../common/with-deadline';
import { CONVERSION_RECORDS, ConversionRecords } from './conversion-records';
import { GUARD_STORE, GuardStore, PROVEN_MS } from './guard-counters';

// After a seed failed (the database slow or down), this instance leaves the token's counters as
// they are for this long, so an outage costs one statement per token per interval, not one per send.
const RETRY_AFTER_MS = 30_000;

/**
 * Seeds a token's proven countries in the guard's counters from the records (their last
 * conversion per country within 90 days), for counters that lost them: a restart of the
 * in-process store, a Redis flush. One statement per token while its seed holds; concurrent
 * callers share one.
 */
@Injectable()
export class ProvenSeedService {
  private readonly logger = new Logger(ProvenSeedService.name);
  private readonly running = new Map<string, { seed: Promise<ReadonlySet<string> | null>; startedMs: number }>();
  private readonly failedAt = new Map<string, number>();

  constructor(
    @Inject(GUARD_STORE) private readonly store: GuardStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(CONVERSION_RECORDS) private readonly records?: ConversionRecords,
  ) {}

  /**
   * Seeds the token now (or joins the seed under way). Resolves to the countries the records
   * prove, or null when they could not be read (no records here, a recent failure, this one
   * failed): the counters are then left as they were. Never rejects.
   */
  seed(tokenId: string): Promise<ReadonlySet<string> | null> {
    if (!this.records) return Promise.resolve(null);
    const running = this.running.get(tokenId);
    if (running) return running.seed;
    const failedAt = this.failedAt.get(tokenId);
    if (failedAt !== undefined && this.clock.now().getTime() - failedAt < RETRY_AFTER_MS) return Promise.resolve(null);
    const seed = this.load(this.records, tokenId).finally(() => this.running.delete(tokenId));
    this.running.set(tokenId, { seed, startedMs: performance.now() });
    return seed;
  }

  /**
   * The same, waiting at most `waitMs` from when the seed started (so the sends of a token that
   * meet one slow seed wait that long in all, not each); null once that time is spent.
   */
  async seedWithin(tokenId: string, waitMs: number): Promise<ReadonlySet<string> | null> {
    const seed = this.seed(tokenId);
    const startedMs = this.running.get(tokenId)?.startedMs ?? performance.now();
    const left = waitMs - (performance.now() - startedMs);
    return left > 0 ? withDeadline(seed, left).catch(() => null) : null;
  }

  private async load(records: ConversionRecords, tokenId: string): Promise<ReadonlySet<string> | null> {
    try {
      const since = new Date(this.clock.now().getTime() - PROVEN_MS);
      // The guard keys a number of no country by its calling code, which the records do not keep.
      const conversions = (await records.lastConversionsOf(tokenId, since)).flatMap(({ country, at }) => (country ? [{ country, atMs: at.getTime() }] : []));
      await this.store.seedProven(tokenId, conversions, this.clock.now().getTime());
      this.failedAt.delete(tokenId);
      return new Set(conversions.map((c) => c.country));
    } catch (error) {
      this.failedAt.set(tokenId, this.clock.now().getTime());
      this.logger.warn(`Could not seed the proven countries from the records: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }
}
