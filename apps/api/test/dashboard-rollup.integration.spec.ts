import { ACTIVITY_STATUSES, CHANNELS, DELIVERY_STATES as ALL_DELIVERY_STATES, activityOutcome, channelCounters, defaultPolicy, emptyOutcomeCounts, headlineCounters } from '@otc/contracts';
import type { ActivityStatus, DashboardDto, DeliveryState } from '@otc/contracts';
import { DataSource } from 'typeorm';
import { ActivityRollupRepository } from '../src/delivery/activity-rollup.repository';
import { SpendEstimatesService } from '../src/spend/spend-estimates.service';
import { outcomeSql } from '../src/delivery/activity-outcome.sql';
import { DashboardService } from '../src/dashboard/dashboard.service';
import { JobWorker } from '../src/events/job-worker';
import { TokensService } from '../src/tokens/tokens.service';
import { FakeClock } from './support/fake-clock';
import { startTestConnector, TestConnector } from './support/test-app';

// Starting the connector (an embedded PostgreSQL is created on first start) takes seconds on a busy machine.
jest.setTimeout(60_000);

const NOW = new Date('2026-11-20T12:34:56.789Z');
const HOUR = 3600_000;
const STATUSES = ['SUCCESS', 'FLAGGED', 'BLOCKED', 'FAILED', 'PENDING'] as const;
const DELIVERY_STATES = [null, 'DELIVERED', 'FAILED', 'BLOCKED_BY_VONAGE', 'CONVERTED'] as const;
// Refusals by policy and by the fraud guard (its codes share the FRAUD_ prefix).
const REASONS = ['COUNTRY_NOT_ALLOWED', 'FRAUD_NUMBER_VELOCITY', 'DELIVERED'] as const;

interface Row {
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
  let dashboard: DashboardService;
  let rollup: ActivityRollupRepository;
  const rows = history();

  beforeAll(async () => {
    connector = await startTestConnector({ clock: new FakeClock(NOW) });
    // The worker would fold hours on its own; this spec decides when.
    connector.app.get(JobWorker).stop();
    dashboard = connector.app.get(DashboardService);
    rollup = connector.app.get(ActivityRollupRepository);
    const { id: tokenId } = await connector.app.get(TokensService).create('rollup', defaultPolicy());
    const values = rows.map((_, i) => `($1, 'evt-${i}', $${i * 7 + 2}, $${i * 7 + 3}, $${i * 7 + 4}, $${i * 7 + 5}, $${i * 7 + 6}, $${i * 7 + 7}, '+44•••••••00', repeat('0', 64), $${i * 7 + 8})`);
    const params = rows.flatMap((r, i) => [r.createdAt, r.channel, r.status, r.deliveryState, r.sent ? `req-${i}` : null, r.converted ? r.createdAt : null, r.reasonCode]);
    await connector.app.get(DataSource).query(
      `INSERT INTO otp_activity (token_id, okta_event_id, created_at, channel, status, delivery_state, verify_request_id, converted_at, destination_masked, destination_hash, reason_code)
       VALUES ${values.join(', ')}`,
      [tokenId, ...params],
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

    const watermark = await rollup.rollUp(NOW);
    expect(watermark).toEqual(new Date(Math.floor((NOW.getTime() - 24 * HOUR) / HOUR) * HOUR));
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
});
