import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'crypto';
import { spendAlertThreshold, spendMonth } from '@otc/contracts';
import type { ActivityFlag, Channel, FraudAlertSubject, SpendPolicy, TokenPolicy } from '@otc/contracts';
import { CLOCK, Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { unitPrice } from '../config/price-table';
import type { SendMeter } from '../delivery/send-meter';
import { FraudAlertsService } from '../fraud/fraud-alerts.service';
import { SPEND_COUNTER, SpendCounter, fromMicros, toMicros } from './spend-counter';
import { SpendEstimatesService } from './spend-estimates.service';

export interface SpendRequest {
  tokenId: string;
  policy: TokenPolicy;
  country: string | null;
  channel: Channel;
}

/** What a send added to its token's month; taken back when the send does not go out. */
export interface Reservation {
  key: string;
  micros: number;
}

export type SpendVerdict =
  | { refuse: false; flags: ActivityFlag[]; reservation: Reservation | null }
  | { refuse: true; reasonCode: 'SPEND_CAP_REACHED'; detail: string };

// A counter nobody touched for this long is dropped and started again from the records: a cap
// removed and set again, a price table changed, or a month's records corrected all reach it.
const IDLE_MS = 15 * 60_000;
const PASS: SpendVerdict = { refuse: false, flags: [], reservation: null };

/**
 * The monthly spend cap on the hook's path: one counter round trip per send of a token with a
 * `spend` policy (nothing for the others), no database statement except to start a counter.
 */
@Injectable()
export class SpendCapService implements SendMeter {
  private readonly logger = new Logger(SpendCapService.name);
  private readonly tableDigest: string;
  // The counter key each token last used here, so a voice fallback adds to the same month.
  private readonly lastKeys = new Map<string, string>();
  private readonly alerted = new Set<string>();
  private counterDown = false;

  constructor(
    @Inject(SPEND_COUNTER) private readonly counter: SpendCounter,
    private readonly estimates: SpendEstimatesService,
    private readonly alerts: FraudAlertsService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const table = config.priceTable;
    this.tableDigest = createHash('sha256').update(JSON.stringify([table.currency, table.default, [...table.countries]])).digest('hex').slice(0, 12);
  }

  /** Before a send: refuses at the cap, otherwise adds the send's estimated price to the month. */
  async reserve(request: SpendRequest): Promise<SpendVerdict> {
    const spend = request.policy.spend;
    if (!spend) return PASS;
    const now = this.clock.now();
    const month = spendMonth(now);
    const key = this.keyOf(request.tokenId, month, spend);
    const price = toMicros(unitPrice(this.config.priceTable, request.country, request.channel));
    const cap = spend.monthlyCap === null ? null : toMicros(spend.monthlyCap);
    let result;
    let seeded = false;
    try {
      result = await this.counter.reserve(key, price, cap, IDLE_MS, null);
      if (result.kind === 'miss') {
        const seed = toMicros(await this.estimates.monthToDateSpend(request.tokenId, now));
        result = await this.counter.reserve(key, price, cap, IDLE_MS, seed);
        seeded = true;
      }
      this.noteCounterUp();
    } catch (error) {
      return this.unavailable(error);
    }
    this.lastKeys.set(request.tokenId, key);
    const currency = this.config.priceTable.currency;
    if (result.kind === 'capped') {
      await this.alertOnce(request.tokenId, month, spend, fromMicros(result.total));
      return { refuse: true, reasonCode: 'SPEND_CAP_REACHED', detail: `${month} so far ${fromMicros(result.total).toFixed(2)} ${currency}, cap ${spend.monthlyCap!.toFixed(2)} ${currency}` };
    }
    if (result.kind === 'reserved') await this.alertOnCrossing(request.tokenId, month, spend, result.before, result.after, seeded);
    return { refuse: false, flags: [], reservation: { key, micros: price } };
  }

  /** The send did not go out: its price leaves the month again. */
  async release(reservation: Reservation | null): Promise<void> {
    if (!reservation) return;
    await this.counter.add(reservation.key, -reservation.micros).catch((error: Error) => this.unavailable(error));
  }

  /** A voice fallback went out after the hook's own send: it counts towards the token's month. */
  sent(send: { tokenId: string; country: string | null; channel: Channel }): void {
    const key = this.lastKeys.get(send.tokenId);
    // A token this instance has not counted yet starts from the records, which will hold this call.
    if (!key || !key.includes(`:${spendMonth(this.clock.now())}:`)) return;
    const price = toMicros(unitPrice(this.config.priceTable, send.country, send.channel));
    this.counter.add(key, price).catch((error: Error) => this.unavailable(error));
  }

  private keyOf(tokenId: string, month: string, spend: SpendPolicy): string {
    return `${tokenId}:${month}:${this.tableDigest}-${spend.monthlyCap ?? ''}-${spend.alertAt ?? ''}`;
  }

  /** Crossing the cap alerts (and nothing else); crossing only the alert threshold alerts for it. A fresh counter that starts past either alerts too. */
  private async alertOnCrossing(tokenId: string, month: string, spend: SpendPolicy, beforeMicros: number, afterMicros: number, seeded: boolean): Promise<void> {
    const crossed = (limit: number | null) => limit !== null && afterMicros >= toMicros(limit) && (seeded || beforeMicros < toMicros(limit));
    if (crossed(spend.monthlyCap)) return this.alertOnce(tokenId, month, spend, fromMicros(afterMicros));
    const threshold = spendAlertThreshold(spend);
    if (!crossed(threshold)) return;
    await this.record(`spend-threshold:${tokenId}:${month}:${threshold}`, {
      kind: 'SPEND_THRESHOLD',
      tokenId,
      period: month,
      spend: fromMicros(afterMicros),
      threshold: threshold!,
      currency: this.config.priceTable.currency,
    });
  }

  /** One alert per token, month and cap value, however many instances and refused requests see it. */
  private async alertOnce(tokenId: string, month: string, spend: SpendPolicy, total: number): Promise<void> {
    const subject: FraudAlertSubject = { kind: 'SPEND_CAP_REACHED', tokenId, period: month, spend: total, cap: spend.monthlyCap!, currency: this.config.priceTable.currency };
    await this.record(`spend-cap:${tokenId}:${month}:${spend.monthlyCap}`, subject);
  }

  private async record(dedupeKey: string, subject: FraudAlertSubject): Promise<void> {
    if (this.alerted.has(dedupeKey)) return;
    this.alerted.add(dedupeKey);
    await this.alerts.record(dedupeKey, subject);
  }

  // Counter (or the records it starts from) unreachable: the cap cannot be checked; deliver and say so.
  private unavailable(error: unknown): SpendVerdict {
    const cause = error instanceof Error ? error.message : String(error);
    if (!this.counterDown) this.logger.warn(`Spend counter unavailable (${cause}); monthly caps are not checked`);
    this.counterDown = true;
    return { refuse: false, flags: [{ code: 'SPEND_UNAVAILABLE', detail: cause.slice(0, 160) }], reservation: null };
  }

  private noteCounterUp(): void {
    if (this.counterDown) this.logger.log('Spend counter reachable again');
    this.counterDown = false;
  }
}
