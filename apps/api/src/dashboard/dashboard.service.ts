import { Inject, Injectable } from '@nestjs/common';
import { emptyOutcomeCounts, headlineCounters } from '@otc/contracts';
import type { ActivityDto, AuthEventDto, Channel, DashboardDto, OutcomeCounts, Page, TokenStatsDto } from '@otc/contracts';
import { Readable } from 'stream';
import { CLOCK, Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ActivityService } from '../delivery/activity.service';
import type { ActivityFilters } from '../delivery/activity-filters';
import { ActivityReportService } from '../delivery/activity-report.service';
import type { OutcomeCount } from '../delivery/activity-counts.repository';
import type { AuthEventEntity } from '../events/auth-event.entity';
import type { AuthEventFilters } from '../events/auth-event-filters';
import { EventsService } from '../events/events.service';
import { TokensService } from '../tokens/tokens.service';
import { destinationHash, parsePhoneNumber } from '../common/phone-number';
import { PERIODS, Period } from './periods';
import type { PageQuery } from './page-query';
import type { SearchResolver } from './search';
import { toCsvRow, ACTIVITY_CSV_HEADER } from './activity-csv';
import { encodeCursor, toPage } from '../common/page';

export const EXPORT_ROW_CAP = 50_000;
const EXPORT_BATCH = 2_000;
// The download starts with a small batch, so the first rows arrive before a full batch is read, and
// batches grow fourfold up to EXPORT_BATCH (100, 400, 2,000): the stream reads the next batch as soon as
// it hands one on, so a download cancelled after its first rows costs a batch of 400, not 2,000.
const EXPORT_FIRST_BATCH = 100;
const EXPORT_GROWTH = 4;
const RECENT = 10;
const PHONE_LIKE = /^\+?[\d\s().-]{6,}$/;

function byChannel(counts: OutcomeCount[]): Record<Channel, OutcomeCounts> {
  const outcomes = { SMS: emptyOutcomeCounts(), VOICE: emptyOutcomeCounts() };
  for (const c of counts) outcomes[c.channel][c.outcome] += c.total;
  return outcomes;
}

function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** Dashboard, activity and auth-event read models for the admin API; maps rows to contract DTOs in one place. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly report: ActivityReportService,
    private readonly authEvents: EventsService,
    private readonly activity: ActivityService,
    private readonly tokens: TokensService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async summary(period: Period): Promise<DashboardDto> {
    const to = this.clock.now();
    const from = new Date(to.getTime() - PERIODS[period]);
    const bucket = period === '24h' ? 'hour' : 'day';
    const shortIds = this.shortIds();
    const [{ counts, series }, recentActivity, recentAuthEvents] = await Promise.all([
      this.report.totals(from, to, bucket),
      this.activityPageWith(shortIds, {}, { limit: RECENT, cursor: null }),
      this.authEventPageWith(shortIds, { kind: 'okta' }, { limit: RECENT, cursor: null }),
    ]);
    const outcomes = byChannel(counts);
    const sent = (channel: Channel) => counts.filter((c) => c.channel === channel).reduce((n, c) => n + c.sent, 0);
    const converted = (channel: Channel) => counts.filter((c) => c.channel === channel).reduce((n, c) => n + c.converted, 0);
    return {
      mode: this.config.sandbox ? 'sandbox' : 'live',
      period: { from: from.toISOString(), to: to.toISOString(), bucket },
      counters: headlineCounters(outcomes),
      outcomes,
      // Converted sends over sends that reached Vonage; null when nothing was sent.
      conversionRate: { SMS: rate(converted('SMS'), sent('SMS')), VOICE: rate(converted('VOICE'), sent('VOICE')) },
      recentActivity: recentActivity.items,
      recentAuthEvents: recentAuthEvents.items,
      series: series.map((p) => ({ bucket: p.bucket.toISOString(), channel: p.channel, outcome: p.outcome, count: p.total })),
    };
  }

  /** A token's traffic over the period: attempts, refusals (policy or fraud guard) and conversions. */
  async tokenStats(idOrShortId: string, period: Period): Promise<TokenStatsDto> {
    const token = await this.tokens.get(idOrShortId);
    const to = this.clock.now();
    const from = new Date(to.getTime() - PERIODS[period]);
    const { attempts, refused, sent, converted } = await this.report.tokenTotals(token.id, from, to);
    return { from: from.toISOString(), to: to.toISOString(), attempts, refused, refusalRate: rate(refused, attempts), sent, converted, conversionRate: rate(converted, sent) };
  }

  /** A full phone number is matched by its keyed hash (never stored or logged in clear); anything else as an Okta user id or login. */
  readonly resolveSearch: SearchResolver = (query) =>
    PHONE_LIKE.test(query) ? { destinationHash: destinationHash(parsePhoneNumber(query), query, this.config.encryptionKey) } : { oktaUser: query };

  activityPage(filters: ActivityFilters, page: PageQuery): Promise<Page<ActivityDto>> {
    return this.activityPageWith(this.shortIds(), filters, page);
  }

  authEventPage(filters: AuthEventFilters, page: PageQuery): Promise<Page<AuthEventDto>> {
    return this.authEventPageWith(this.shortIds(), filters, page);
  }

  /** CSV of the filtered activity, newest first, masked numbers only, at most EXPORT_ROW_CAP rows. */
  exportCsv(filters: ActivityFilters): Readable {
    const source = this.report;
    const shortIdsPromise = this.shortIds();
    async function* rows(): AsyncGenerator<string> {
      const shortIds = await shortIdsPromise;
      yield ACTIVITY_CSV_HEADER;
      let cursor = null;
      for (let sent = 0; sent < EXPORT_ROW_CAP; ) {
        const batch = await source.page(filters, cursor, Math.min(sent === 0 ? EXPORT_FIRST_BATCH : sent * EXPORT_GROWTH, EXPORT_BATCH, EXPORT_ROW_CAP - sent));
        if (batch.length === 0) return;
        yield batch.map((r) => toCsvRow(r.entity, shortIds.get(r.entity.tokenId) ?? '')).join('');
        sent += batch.length;
        const last = batch[batch.length - 1];
        cursor = { at: last.at, id: last.entity.id };
      }
    }
    return Readable.from(rows());
  }

  // The dashboard asks for both pages at once: one token lookup serves both.
  private async activityPageWith(shortIds: Promise<Map<string, string>>, filters: ActivityFilters, page: PageQuery): Promise<Page<ActivityDto>> {
    const [rows, ids] = await Promise.all([this.report.page(filters, page.cursor, page.limit + 1), shortIds]);
    return toPage(rows, page.limit, (r) => this.activity.toDto(r.entity, ids.get(r.entity.tokenId) ?? ''), (r) => encodeCursor({ at: r.at, id: r.entity.id }));
  }

  private async authEventPageWith(shortIds: Promise<Map<string, string>>, filters: AuthEventFilters, page: PageQuery): Promise<Page<AuthEventDto>> {
    const [rows, ids] = await Promise.all([this.authEvents.page(filters, page.cursor, page.limit + 1), shortIds]);
    return toPage(rows, page.limit, (e) => toAuthEventDto(e, ids.get(e.tokenId) ?? null), (e) => encodeCursor({ at: e.published.toISOString(), id: e.id }));
  }

  private async shortIds(): Promise<Map<string, string>> {
    return new Map((await this.tokens.list()).map((t) => [t.id, t.shortId]));
  }
}

export function toAuthEventDto(e: AuthEventEntity, tokenShortId: string | null): AuthEventDto {
  return {
    id: e.id,
    published: e.published.toISOString(),
    tokenId: e.tokenId,
    tokenShortId,
    eventType: e.eventType,
    factor: e.factor,
    outcome: e.outcome,
    oktaUserId: e.oktaUserId,
    requestId: e.requestId,
    reason: e.reason,
  };
}
