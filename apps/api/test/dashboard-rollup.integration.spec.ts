import { ACTIVITY_OUTCOMES, ACTIVITY_STATUSES, CHANNELS, UUID_PATTERN, DELIVERY_STATES as ALL_DELIVERY_STATES, activityOutcome, channelCounters, defaultPolicy, emptyOutcomeCounts, headlineCounters } from '@otc/contracts';
import type { ActivityOutcome, ActivityStatus, DashboardDto, DeliveryState } from '@otc/contracts';
import { DataSource } from 'typeorm';
import { ActivityRollupRepository } from '../src/delivery/activity-rollup.repository';
import { AttemptRecoveryService } from '../src/delivery/attempt-recovery.service';
import { SpendEstimatesService } from '../src/spend/spend-estimates.service';
import { outcomeInSql, outcomeSql } from '../src/delivery/activity-outcome.sql';
import { SHADOW_FINDING } from '../src/delivery/activity-counts.repository';
import { DashboardService } from '../src/dashboard/dashboard.service';
import { JobWorker } from '../src/events/job-worker';
import { TokensService } from '../src/tokens/tokens.service';
import { FakeClock } from './support/fake-clock';
import { decodeCursor } from '../src/common/page';
import type { ActivityFilters } from '../src/delivery/activity-filters';
import { startTestConnector, TestConnector } from './support/test-app';

// Starting the connector (an embedded PostgreSQL is created on first start) takes seconds on a busy machine.
jest.setTimeout(60_000);

const NOW = new Date('2026-11-20T12:34:56.789Z');
const HOUR = 3600_000;
const MINUTE = 60_000;
const STATUSES = ['SUCCESS', 'FLAGGED', 'BLOCKED', 'FAILED', 'PENDING'] as const;
const DELIVERY_STATES = [null, 'DELIVERED', 'FAILED', 'BLOCKED_BY_VONAGE', 'CONVERTED'] as const;
// Refusals by policy and by the fraud guard (its codes share the FRAUD_ prefix).
const REASONS = ['COUNTRY_NOT_ALLOWED', 'FRAUD_NUMBER_VELOCITY', 'DELIVERED'] as const;

interface Row {
  /** 0: the main token, 1: a second one (every seventh attempt). */
  token: 0 | 1;
  createdAt: Date;
  channel: 'SMS' | 'VOICE';
  status: (typeof STATUSES)[number];
  reasonCode: string;
  deliveryState: (typeof DELIVERY_STATES)[number];
  sent: boolean;
  converted: boolean;
}

/** Three attempts an hour for ten days, with every status, channel and delivery outcome mixed in. */
function history(): Row[] {
  const rows: Row[] = [];
  for (let hour = 0; hour < 240; hour++) {
    for (const [k, minute] of [5, 25, 45].entries()) {
      const i = hour * 3 + k;
      const status = STATUSES[i % STATUSES.length];
      const sent = status === 'SUCCESS' || status === 'FLAGGED';
      rows.push({
        token: i % 7 === 0 ? 1 : 0,
        createdAt: new Date(NOW.getTime() - hour * HOUR - minute * 60_000 - 123),
        channel: i % 3 === 0 ? 'VOICE' : 'SMS',
        status,
        reasonCode: REASONS[i % REASONS.length],
        deliveryState: sent ? DELIVERY_STATES[Math.floor(i / STATUSES.length) % DELIVERY_STATES.length] : null,
        sent,
        converted: sent && i % 4 === 0,
      });
    }
  }
  return rows;
}

/** The badges' function (activityOutcome) applied to the rows one by one: what the API's SQL must count. */
function expectedCounters(rows: Row[], periodMs: number) {
  const inPeriod = rows.filter((r) => r.createdAt.getTime() >= NOW.getTime() - periodMs);
  const count = (channel: string, test: (r: Row) => boolean) => inPeriod.filter((r) => r.channel === channel && test(r)).length;
  const outcomes = { SMS: emptyOutcomeCounts(), VOICE: emptyOutcomeCounts() };
  for (const r of inPeriod) outcomes[r.channel][activityOutcome(r)] += 1;
  return {
    counters: headlineCounters(outcomes),
    outcomes,
    conversionRate: {
      SMS: count('SMS', (r) => r.converted) / count('SMS', (r) => r.sent),
      VOICE: count('VOICE', (r) => r.converted) / count('VOICE', (r) => r.sent),
    },
    seriesTotal: inPeriod.length,
  };
}

function shape(summary: DashboardDto) {
  return {
    counters: summary.counters,
    outcomes: summary.outcomes,
    conversionRate: summary.conversionRate,
    seriesTotal: summary.series.reduce((total, point) => total + point.count, 0),
  };
}

describe('Dashboard over a long history: hourly rollup plus live counting', () => {
  let connector: TestConnector;
  let clock: FakeClock;
  let dashboard: DashboardService;
  let rollup: ActivityRollupRepository;
  let tokenIds: string[];
  const rows = history();

  beforeAll(async () => {
    clock = new FakeClock(NOW);
    connector = await startTestConnector({ clock });
    // The worker would fold hours on its own, and the recovery sweep settle the history's PENDING attempts; this spec decides when.
    connector.app.get(JobWorker).stop();
    await connector.app.get(AttemptRecoveryService).onApplicationShutdown();
    dashboard = connector.app.get(DashboardService);
    rollup = connector.app.get(ActivityRollupRepository);
    const tokens = connector.app.get(TokensService);
    tokenIds = [(await tokens.create('rollup', defaultPolicy())).id, (await tokens.create('rollup-2', defaultPolicy())).id];
    const values = rows.map((_, i) => `($${i * 8 + 1}, 'evt-${i}', $${i * 8 + 2}, $${i * 8 + 3}, $${i * 8 + 4}, $${i * 8 + 5}, $${i * 8 + 6}, $${i * 8 + 7}, '+44•••••••00', repeat('0', 64), $${i * 8 + 8})`);
    const params = rows.flatMap((r, i) => [tokenIds[r.token], r.createdAt, r.channel, r.status, r.deliveryState, r.sent ? `req-${i}` : null, r.converted ? r.createdAt : null, r.reasonCode]);
    await connector.app.get(DataSource).query(
      `INSERT INTO otp_activity (token_id, okta_event_id, created_at, channel, status, delivery_state, verify_request_id, converted_at, destination_masked, destination_hash, reason_code)
       VALUES ${values.join(', ')}`,
      params,
    );
  });

  afterAll(async () => {
    await connector?.stop();
  });

  it('should show the same counters, conversion rates and chart totals once settled hours come from the rollup', async () => {
    const live = await Promise.all((['24h', '7d', '30d'] as const).map((p) => dashboard.summary(p)));
    const spend = connector.app.get(SpendEstimatesService);
    const spendOver = (periodMs: number) => spend.estimate(new Date(NOW.getTime() - periodMs), NOW, null);
    const liveSpend = await Promise.all([7 * 24 * HOUR, 30 * 24 * HOUR].map(spendOver));

    // Everything up to the last whole minute but one is folded (the last day provisionally): only the last minute or two stay live.
    const watermark = await rollup.rollUp(NOW);
    expect(watermark).toEqual(new Date(Math.floor((NOW.getTime() - MINUTE) / MINUTE) * MINUTE));
    expect(Number((await connector.app.get(DataSource).query('SELECT sum(total) AS n FROM activity_hourly'))[0].n)).toBeGreaterThan(500);

    const rolled = await Promise.all((['24h', '7d', '30d'] as const).map((p) => dashboard.summary(p)));
    const periods = [24 * HOUR, 7 * 24 * HOUR, 30 * 24 * HOUR];
    periods.forEach((periodMs, k) => {
      expect(shape(live[k])).toEqual(expectedCounters(rows, periodMs));
      expect(shape(rolled[k])).toEqual(expectedCounters(rows, periodMs));
      expect(rolled[k].series).toEqual(live[k].series);
    });
    // Spend reads the usage rollup folded in the same run: the same lines, and the counts the rows say.
    const rolledSpend = await Promise.all([7 * 24 * HOUR, 30 * 24 * HOUR].map(spendOver));
    [7 * 24 * HOUR, 30 * 24 * HOUR].forEach((periodMs, k) => {
      expect(rolledSpend[k].lines).toEqual(liveSpend[k].lines);
      expect(rolledSpend[k].byToken).toEqual(liveSpend[k].byToken);
      const inPeriod = rows.filter((r) => r.createdAt.getTime() >= NOW.getTime() - periodMs);
      const count = (pick: (l: (typeof rolledSpend)[number]['lines'][number]) => number) => rolledSpend[k].lines.reduce((n, l) => n + pick(l), 0);
      expect(count((l) => l.sent)).toBe(inPeriod.filter((r) => r.sent).length);
      expect(count((l) => l.refused)).toBe(inPeriod.filter((r) => r.status === 'BLOCKED').length);
    });
    expect(Number((await connector.app.get(DataSource).query('SELECT sum(sent) AS n FROM activity_usage_hourly'))[0].n)).toBeGreaterThan(0);
  });

  it('should give every headline counter group a share, so the parts on screen add up to each total', async () => {
    const summary = await dashboard.summary('30d');
    for (const channel of CHANNELS) {
      const c = channelCounters(summary.outcomes[channel]);
      expect(c.success + c.blocked + c.failed + c.pending).toBe(c.total);
      expect(Math.min(c.success, c.blocked, c.failed, c.pending, c.flagged)).toBeGreaterThan(0);
    }
    expect(summary.outcomes.SMS.REFUSED_FRAUD_GUARD).toBeGreaterThan(0);
    expect(summary.outcomes.SMS.BLOCKED_BY_VONAGE).toBeGreaterThan(0);
  });

  it('should compute in SQL the same outcome as activityOutcome for every status, reason and delivery state', async () => {
    const db = connector.app.get(DataSource);
    const combos: Array<{ status: ActivityStatus; reasonCode: string; deliveryState: DeliveryState | null }> = [];
    for (const status of ACTIVITY_STATUSES)
      for (const reasonCode of ['DELIVERED', 'RATE_LIMITED', 'VONAGE_BLOCKED', 'FRAUD_PREFIX_VELOCITY', 'FRAUDULENT'])
        for (const deliveryState of [null, ...ALL_DELIVERY_STATES]) combos.push({ status, reasonCode, deliveryState });
    const rowsSql = combos.map((_, i) => `($${i * 3 + 1}::varchar, $${i * 3 + 2}::varchar, $${i * 3 + 3}::varchar, ${i})`).join(', ');
    const computed: Array<{ i: number; outcome: string }> = await db.query(
      `SELECT i, ${outcomeSql()} AS outcome FROM (VALUES ${rowsSql}) AS v(status, reason_code, delivery_state, i) ORDER BY i`,
      combos.flatMap((c) => [c.status, c.reasonCode, c.deliveryState]),
    );
    expect(computed.map((r) => r.outcome)).toEqual(combos.map((c) => activityOutcome(c)));

    // The filter form (plain conditions, so indexes apply) keeps exactly the rows of the wanted outcomes.
    for (const wanted of [...ACTIVITY_OUTCOMES.map((o) => [o]), ['REFUSED_POLICY', 'REFUSED_FRAUD_GUARD', 'BLOCKED_BY_VONAGE'], ['DELIVERED', 'DELIVERED_FLAGGED']] as ActivityOutcome[][]) {
      const kept: Array<{ i: number }> = await db.query(
        `SELECT i FROM (VALUES ${rowsSql}) AS v(status, reason_code, delivery_state, i) WHERE ${outcomeInSql(wanted)} ORDER BY i`,
        combos.flatMap((c) => [c.status, c.reasonCode, c.deliveryState]),
      );
      expect(kept.map((r) => r.i)).toEqual(combos.flatMap((c, i) => (wanted.includes(activityOutcome(c)) ? [i] : [])));
    }
  });

  it('should fold each hour once, even when instances run the rollup at the same time or again', async () => {
    const before = shape(await dashboard.summary('30d'));
    await Promise.all([rollup.rollUp(NOW), rollup.rollUp(NOW), rollup.rollUp(new Date(NOW.getTime() + 90 * 60_000))]);
    await rollup.rollUp(new Date(NOW.getTime() + 90 * 60_000));

    const total = Number((await connector.app.get(DataSource).query('SELECT sum(total) AS n FROM activity_hourly'))[0].n);
    const watermark = (await rollup.rolledUntil())!;
    const settled = rows.filter((r) => r.createdAt < watermark).length;
    expect(total).toBe(settled);
    expect(shape(await dashboard.summary('30d'))).toEqual(before);
  });

  it('should count whole days from the daily rollups as their hours do, and read the hours of days not folded into them yet', async () => {
    const db = connector.app.get(DataSource);
    const later = new Date(NOW.getTime() + 90 * 60_000);
    await rollup.rollUp(later);
    const [{ daily_until: dailyUntil, final_until: finalUntil }] = await db.query('SELECT daily_until, final_until FROM activity_rollup_state WHERE id = 1');
    // Every day whose hours are all final, and no other.
    expect(new Date(dailyUntil).getTime()).toBe(Math.floor(new Date(finalUntil).getTime() / (24 * HOUR)) * 24 * HOUR);
    const sums = async (table: string, column: string) => Number((await db.query(`SELECT sum(${column}) AS n FROM ${table} WHERE bucket < $1`, [dailyUntil]))[0].n);
    expect(await sums('activity_daily', 'total')).toBe(rows.filter((r) => r.createdAt < new Date(dailyUntil)).length);
    expect(await sums('activity_daily', 'total')).toBeGreaterThan(rows.length / 2);
    expect(await sums('activity_usage_daily', 'attempts')).toBe(await sums('activity_usage_hourly', 'attempts'));
    expect(await sums('activity_usage_daily', 'converted')).toBe(await sums('activity_usage_hourly', 'converted'));

    const read = async () => ({
      summaries: await Promise.all((['7d', '30d'] as const).map(async (p) => shape(await dashboard.summary(p)))),
      series: (await dashboard.summary('30d')).series,
      stats: await Promise.all(tokenIds.map((id) => dashboard.tokenStats(id, '30d'))),
      spend: (await connector.app.get(SpendEstimatesService).estimate(new Date(NOW.getTime() - 30 * 24 * HOUR), NOW, null)).lines,
    });
    const fromDays = await read();
    expect(fromDays.summaries).toEqual([expectedCounters(rows, 7 * 24 * HOUR), expectedCounters(rows, 30 * 24 * HOUR)]);
    expect(fromDays.stats.map((s) => s.attempts)).toEqual([0, 1].map((k) => rows.filter((r) => r.token === k).length));

    // An instance of the earlier version made the last three days final without folding days: they are read from the hours.
    const behind = new Date(new Date(dailyUntil).getTime() - 3 * 24 * HOUR);
    await db.query('DELETE FROM activity_daily WHERE bucket >= $1', [behind]);
    await db.query('DELETE FROM activity_usage_daily WHERE bucket >= $1', [behind]);
    await db.query('UPDATE activity_rollup_state SET daily_until = $1 WHERE id = 1', [behind]);
    expect(await read()).toEqual(fromDays);
    await rollup.rollUp(later);
    expect(new Date((await db.query('SELECT daily_until FROM activity_rollup_state WHERE id = 1'))[0].daily_until)).toEqual(new Date(dailyUntil));
    expect(await read()).toEqual(fromDays);
  });

  /** Every attempt the filters match, page after page of 7, as creation times. */
  async function pageAll(filters: ActivityFilters): Promise<string[]> {
    const seen: string[] = [];
    let cursor = null;
    do {
      const page: Awaited<ReturnType<DashboardService['activityPage']>> = await dashboard.activityPage(filters, { limit: 7, cursor });
      seen.push(...page.items.map((a) => a.createdAt));
      cursor = page.nextCursor ? decodeCursor(page.nextCursor, UUID_PATTERN) : null;
    } while (cursor);
    return seen;
  }

  it("should give a token's statistics from the per-token rollup the same as counted live", async () => {
    for (const [k, tokenId] of tokenIds.entries()) {
      const mine = rows.filter((r) => r.token === k && r.createdAt.getTime() >= NOW.getTime() - 30 * 24 * HOUR);
      const stats = await dashboard.tokenStats(tokenId, '30d');
      expect(stats).toMatchObject({
        attempts: mine.length,
        refused: mine.filter((r) => ['REFUSED_POLICY', 'REFUSED_FRAUD_GUARD'].includes(activityOutcome(r))).length,
        sent: mine.filter((r) => r.sent).length,
        converted: mine.filter((r) => r.converted).length,
      });
    }
  });

  it('should page through exactly the attempts a filter matches, newest first, also where folded hours hold none', async () => {
    const filters = [
      { outcomes: ['PENDING'] as ActivityOutcome[] },
      { outcomes: ['REFUSED_FRAUD_GUARD'] as ActivityOutcome[], channel: 'VOICE' as const },
      { outcomes: ['BLOCKED_BY_VONAGE', 'DELIVERY_FAILED'] as ActivityOutcome[], from: new Date(NOW.getTime() - 100 * HOUR), to: new Date(NOW.getTime() - 2 * HOUR) },
      { outcomes: ['DELIVERED'] as ActivityOutcome[], tokenId: 'second' },
      { channel: 'VOICE' as const, from: new Date(NOW.getTime() - 30 * HOUR) },
      // Nothing matches: folded hours say so, and only the unfolded ones are read.
      { outcomes: ['REFUSED_FRAUD_GUARD', 'PENDING'] as ActivityOutcome[], channel: 'SMS' as const, tokenId: 'second' },
    ];
    for (const filter of filters) {
      const query = { ...filter, tokenId: filter.tokenId ? tokenIds[1] : undefined };
      const expected = rows
        .filter((r) => !query.outcomes || query.outcomes.includes(activityOutcome(r)))
        .filter((r) => (!query.channel || r.channel === query.channel) && (!query.tokenId || r.token === 1))
        .filter((r) => (!query.from || r.createdAt >= query.from) && (!query.to || r.createdAt < query.to))
        .map((r) => r.createdAt.toISOString());
      expect(await pageAll(query)).toEqual(expected);
    }
  });

  it('should show a change to an attempt older than an hour once its hour is refolded (a minute), and never refold a final hour', async () => {
    const db = connector.app.get(DataSource);
    const delivered = (r: Row) => r.channel === 'SMS' && activityOutcome(r) === 'DELIVERED';
    const recent = rows.findIndex((r) => delivered(r) && NOW.getTime() - r.createdAt.getTime() > 3 * HOUR);
    const old = rows.findIndex((r) => delivered(r) && NOW.getTime() - r.createdAt.getTime() > 3 * 24 * HOUR);
    const failed = (summary: DashboardDto) => summary.outcomes.SMS.DELIVERY_FAILED;
    // Later than any fold of the tests above.
    const later = NOW.getTime() + 3 * HOUR;
    await rollup.rollUp(new Date(later));
    const before = failed(await dashboard.summary('30d'));
    await db.query(`UPDATE otp_activity SET status = 'FAILED' WHERE okta_event_id IN ($1, $2)`, [`evt-${recent}`, `evt-${old}`]);

    await rollup.rollUp(new Date(later + 30_000));
    expect(failed(await dashboard.summary('30d'))).toBe(before);
    // The rollup still counts the changed attempts as delivered: filtered pages go on past its stale promise and end where the attempts do.
    const stillDelivered = rows.filter((r, i) => i !== recent && i !== old && delivered(r));
    expect(await pageAll({ outcomes: ['DELIVERED'], channel: 'SMS' })).toEqual(stillDelivered.map((r) => r.createdAt.toISOString()));

    await rollup.rollUp(new Date(later + 60_000));
    expect(failed(await dashboard.summary('30d'))).toBe(before + 1);
    await db.query(`UPDATE otp_activity SET status = 'SUCCESS' WHERE okta_event_id IN ($1, $2)`, [`evt-${recent}`, `evt-${old}`]);
  });

  /** What the dashboard must show over the period ending at the clock's now: the attempts counted one by one, as the badges say. */
  async function countedDirectly(periodMs: number, tokenId: string) {
    const to = clock.now();
    const from = new Date(to.getTime() - periodMs);
    const attempts: Array<{ token_id: string; channel: 'SMS' | 'VOICE'; status: ActivityStatus; reason_code: string; delivery_state: DeliveryState | null; sent: boolean; converted: boolean }> =
      await connector.app.get(DataSource).query(
        `SELECT token_id, channel, status, reason_code, delivery_state, verify_request_id IS NOT NULL AS sent, converted_at IS NOT NULL AS converted
           FROM otp_activity WHERE created_at >= $1 AND created_at <= $2`,
        [from, to],
      );
    const outcomes = { SMS: emptyOutcomeCounts(), VOICE: emptyOutcomeCounts() };
    for (const a of attempts) outcomes[a.channel][activityOutcome({ status: a.status, reasonCode: a.reason_code, deliveryState: a.delivery_state })] += 1;
    const mine = attempts.filter((a) => a.token_id === tokenId);
    const refused = mine.filter((a) => ['REFUSED_POLICY', 'REFUSED_FRAUD_GUARD'].includes(activityOutcome({ status: a.status, reasonCode: a.reason_code, deliveryState: a.delivery_state })));
    return {
      dashboard: { outcomes, seriesTotal: attempts.length },
      token: { attempts: mine.length, refused: refused.length, sent: mine.filter((a) => a.sent).length, converted: mine.filter((a) => a.converted).length },
    };
  }

  async function shown(periodMs: number, period: '24h' | '7d' | '30d', tokenId: string) {
    const summary = await dashboard.summary(period);
    const stats = await dashboard.tokenStats(tokenId, period);
    expect({ from: summary.period.from, to: summary.period.to }).toEqual({ from: new Date(clock.now().getTime() - periodMs).toISOString(), to: clock.now().toISOString() });
    return {
      dashboard: { outcomes: summary.outcomes, seriesTotal: summary.series.reduce((total, point) => total + point.count, 0) },
      token: { attempts: stats.attempts, refused: stats.refused, sent: stats.sent, converted: stats.converted },
    };
  }

  it('should count the attempts of the current minute at once, and show an attempt completed after it was folded once the next run refolds its hour', async () => {
    const db = connector.app.get(DataSource);
    // Later than any fold above, mid-minute; the hour in progress is half folded.
    const at = new Date(NOW.getTime() + 6 * HOUR + 17_000);
    clock.set(at);
    const insert = (eventId: string, createdAt: Date, status: string, verifyRequestId: string | null) =>
      db.query(
        `INSERT INTO otp_activity (token_id, okta_event_id, created_at, channel, status, verify_request_id, destination_masked, destination_hash, reason_code)
         VALUES ($1, $2, $3, 'SMS', $4, $5, '+44•••••••00', repeat('0', 64), 'DELIVERED')`,
        [tokenIds[0], eventId, createdAt, status, verifyRequestId],
      );
    // Screening when the rollup folds its minute; completed (sent, delivered, converted) just after.
    await insert('evt-folded-pending', new Date(at.getTime() - 3 * MINUTE), 'PENDING', null);
    await insert('evt-folded-sent', new Date(at.getTime() - 20 * MINUTE), 'SUCCESS', 'req-folded');
    await insert('evt-this-minute', new Date(at.getTime() - 5_000), 'SUCCESS', 'req-now');

    const watermark = await rollup.rollUp(at);
    expect(watermark).toEqual(new Date(Math.floor((at.getTime() - MINUTE) / MINUTE) * MINUTE));
    const periods = [
      [24 * HOUR, '24h'],
      [7 * 24 * HOUR, '7d'],
      [30 * 24 * HOUR, '30d'],
    ] as const;
    for (const [periodMs, period] of periods) expect(await shown(periodMs, period, tokenIds[0])).toEqual(await countedDirectly(periodMs, tokenIds[0]));

    await db.query(`UPDATE otp_activity SET status = 'SUCCESS', verify_request_id = 'req-late' WHERE okta_event_id = 'evt-folded-pending'`);
    await db.query(`UPDATE otp_activity SET delivery_state = 'CONVERTED', converted_at = $1 WHERE okta_event_id = 'evt-folded-sent'`, [at]);
    await insert('evt-next-minute', new Date(at.getTime() + 30_000), 'BLOCKED', null);
    clock.set(new Date(at.getTime() + 45_000));
    // Attempts younger than the folded minutes are counted as they are now...
    const before = await shown(24 * HOUR, '24h', tokenIds[0]);
    expect(before.dashboard.seriesTotal).toBe((await countedDirectly(24 * HOUR, tokenIds[0])).dashboard.seriesTotal);
    // ...and the next run, a minute later, refolds the hour the completed ones lie in.
    clock.set(new Date(at.getTime() + MINUTE));
    await rollup.rollUp(clock.now());
    for (const [periodMs, period] of periods) expect(await shown(periodMs, period, tokenIds[0])).toEqual(await countedDirectly(periodMs, tokenIds[0]));
    clock.set(NOW);
  });

  it("should read the fraud page's SHADOW findings from their partial index, not the month's attempts", async () => {
    const db = connector.app.get(DataSource);
    await db.transaction(async (em) => {
      // A table this small would be scanned whole; what matters is that the index is usable for this predicate.
      await em.query('SET LOCAL enable_seqscan = off');
      const plan: Array<{ 'QUERY PLAN': string }> = await em.query(
        `EXPLAIN SELECT id FROM otp_activity a WHERE a.created_at >= now() - interval '30 days' AND a.flags @? ${SHADOW_FINDING} ORDER BY a.created_at DESC LIMIT 200`,
      );
      expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain('ix_otp_activity_shadow_created');
    });
  });
});
