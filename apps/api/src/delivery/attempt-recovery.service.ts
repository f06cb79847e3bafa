import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { CLOCK, Clock } from '../common/clock';
import { ActivityService, AttemptOutcome } from './activity.service';
import { AnsweredEntry, JournalEntry, SendJournal, SentEntry } from './send-journal';
import { VERIFY_CLIENT, VerifyClient } from './verify.client';

export const RECOVERY_SWEEP_MS = Symbol('RECOVERY_SWEEP_MS');
export const DEFAULT_RECOVERY_SWEEP_MS = 5000;

// At most this many journalled sends are looked up per statement: the event loop gets turns between them.
const SETTLE_BATCH = 250;
// The interrupted sweep reads every attempt once, after its hook call ended: up to this many per
// statement, and so many statements per sweep before the rest waits for the next one.
const SWEEP_BATCH = 1000;
const MAX_SWEEP_PASSES = 10;
// How far the clocks of instances sharing the database may differ: an attempt claimed by an instance
// running behind may appear older than the interrupted sweep's bound, which it re-reads this far back.
const CLOCK_SKEW_ALLOWANCE_MS = 10_000;
// A journalled send whose attempt is gone, or that could not be settled for this long, is dropped.
const JOURNAL_ENTRY_MAX_AGE_MS = 24 * 3600_000;
// A delivered attempt's record is committed without waiting for the WAL flush, which PostgreSQL does
// within 3 x wal_writer_delay (600 ms by default): its journal entry stays at least this long.
export const SENT_ENTRY_MIN_AGE_MS = 5_000;

/**
 * Never a double send: once Vonage accepted a message, Okta hears SUCCESSFUL even when the record
 * cannot be written; the send journal keeps what happened and a sweep writes it when the database
 * is back. The same sweep resolves attempts a crash left PENDING (FAILED, INTERRUPTED), cancelling
 * the Verify request the journal knows of. Every step is a conditional update, safe on any number
 * of instances.
 */
@Injectable()
export class AttemptRecoveryService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AttemptRecoveryService.name);
  private readonly journal: SendJournal;
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;
  private failing = false;

  constructor(
    private readonly activity: ActivityService,
    @Inject(VERIFY_CLIENT) private readonly verify: VerifyClient,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RECOVERY_SWEEP_MS) private readonly sweepMs: number,
  ) {
    this.journal = new SendJournal(config.dataDir);
  }

  onApplicationBootstrap(): void {
    if (this.sweepMs > 0) this.timer = setInterval(() => void this.sweep(), this.sweepMs);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sweeping;
    this.journal.close();
  }

  /** Journals a send Vonage accepted, before anything else can fail. */
  recordSent(attemptId: string, verifyRequestId: string): void {
    this.journal.append({ kind: 'sent', attemptId, verifyRequestId, at: this.clock.now().toISOString() });
  }

  /**
   * Journals a send Vonage accepted, then writes the attempt's record; when the write fails, journals
   * the outcome instead. Never throws. Call it as soon as the send returns: the journal append happens
   * before the first await.
   */
  async completeDelivered(attemptId: string, outcome: AttemptOutcome & { verifyRequestId: string }): Promise<void> {
    this.recordSent(attemptId, outcome.verifyRequestId);
    try {
      await this.activity.completeJournalled(attemptId, outcome);
    } catch (error) {
      // The code and the number stay out of the journal; without them the attempt is only not conversion-checked.
      const journalled = { ...outcome, code: null, destination: null };
      this.journal.append({ kind: 'answered', attemptId, outcome: journalled, at: this.clock.now().toISOString() });
      this.logger.warn(`Delivered attempt ${attemptId} could not be recorded (${(error as Error).message}); journalled for the recovery sweep`);
    }
  }

  /**
   * A status callback can arrive while its attempt's record waits here for the next sweep (the write
   * failed during the hook call): writes that record now, so the callback finds it. False when the
   * journal holds no outcome naming this request; throws while the database still refuses the write.
   */
  async recordJournalledOutcome(verifyRequestId: string): Promise<boolean> {
    const entry = this.journal.answeredFor(verifyRequestId);
    if (!entry) return false;
    await this.activity.completeUnsettled(entry.attemptId, entry.outcome);
    this.journal.settle([entry]);
    return true;
  }

  /** One pass; concurrent calls share it. Errors (database still away) wait for the next pass. */
  sweep(): Promise<void> {
    this.sweeping ??= this.sweepOnce()
      .then(() => {
        if (this.failing) this.logger.log('Recovery sweep works again');
        this.failing = false;
      })
      .catch((error: Error) => {
        if (!this.failing) this.logger.warn(`Recovery sweep failed, retrying every ${this.sweepMs} ms: ${error.message}`);
        this.failing = true;
      })
      .finally(() => (this.sweeping = null));
    return this.sweeping;
  }

  private async sweepOnce(): Promise<void> {
    const entries = this.journal.unsettled();
    const settled: JournalEntry[] = [];
    for (const entry of entries.filter((e): e is AnsweredEntry => e.kind === 'answered')) {
      await this.activity.completeUnsettled(entry.attemptId, entry.outcome);
      settled.push(entry);
    }
    this.journal.settle(settled);
    const staleBefore = new Date(this.clock.now().getTime() - 2 * this.config.hookBudgetMs);
    for (let pass = 0, more = true; more && pass < MAX_SWEEP_PASSES; pass++) {
      more = (await this.activity.interruptStale(staleBefore, CLOCK_SKEW_ALLOWANCE_MS, SWEEP_BATCH)).more;
    }
    // Younger entries may name a record not yet flushed to disk (see SENT_ENTRY_MIN_AGE_MS): kept, and not looked up.
    const dueBefore = this.clock.now().getTime() - SENT_ENTRY_MIN_AGE_MS;
    const due = entries.filter((e): e is SentEntry => e.kind === 'sent' && Date.parse(e.at) <= dueBefore);
    for (let i = 0; i < due.length; i += SETTLE_BATCH) await this.settleSent(due.slice(i, i + SETTLE_BATCH));
  }

  /** A journalled send is settled once its attempt is; an interrupted one gets its request named and cancelled. */
  private async settleSent(due: SentEntry[]): Promise<void> {
    const attempts = await this.activity.findSettlements(due.map((entry) => entry.attemptId));
    const settled: JournalEntry[] = [];
    for (const entry of due) {
      const attempt = attempts.get(entry.attemptId);
      const old = this.clock.now().getTime() - Date.parse(entry.at) > JOURNAL_ENTRY_MAX_AGE_MS;
      if (attempt?.status === 'PENDING' && !old) continue;
      if (attempt?.reasonCode === 'INTERRUPTED' && attempt.verifyRequestId === null) {
        const cancelled = await this.verify.cancel(entry.verifyRequestId, { timeoutMs: this.config.verifyTimeoutMs * 2 });
        await this.activity.attachInterruptedRequest(entry.attemptId, entry.verifyRequestId, cancelled);
      }
      settled.push(entry);
    }
    this.journal.settle(settled);
  }
}
