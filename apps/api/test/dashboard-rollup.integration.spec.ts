import { defaultPolicy } from '@otc/contracts';
import type { DashboardDto } from '@otc/contracts';
import { DataSource } from 'typeorm';
import { ActivityRollupRepository } from '../src/delivery/activity-rollup.repository';
import { DashboardService } from '../src/dashboard/dashboard.service';
import { JobWorker } from '../src/events/job-worker';
import { TokensService } from '../src/tokens/tokens.service';
import { FakeClock } from './support/fake-clock';
import { startTestConnector, TestConnector } from './support/test-app';

// Starting the connector (an embedded PostgreSQL is created on first start) takes seconds on a busy machine.
jest.setTimeout(60_000);

const NOW = new Date('2026-11-20T12:34:56.789Z');
const HOUR = 3600_000;
const STATUSES = ['SUCCESS', 'FLAGGED', 'BLOCKED', 'FAILED'] as const;
const DELIVERY_STATES = [null, 'DELIVERED', 'FAILED', 'BLOCKED_BY_VONAGE', 'CONVERTED'] as const;

interface Row {
  createdAt: Date;
  channel: 'SMS' | 'VOICE';
  status: (typeof STATUSES)[number];
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
        deliveryState: sent ? DELIVERY_STATES[i % DELIVERY_STATES.length] : null,
        sent,
        converted: sent && i % 4 === 0,
      });
    }
  }
  return rows;
}

/** The dashboard's definitions, computed straight from the rows: what the API must show. */
function expectedCounters(rows: Row[], periodMs: number) {
  const inPeriod = rows.filter((r) => r.createdAt.getTime() >= NOW.getTime() - periodMs);
  const count = (channel: string, test: (r: Row) => boolean) => inPeriod.filter((r) => r.channel === channel && test(r)).length;
  const success = (r: Row) => (r.status === 'SUCCESS' || r.status === 'FLAGGED') && r.deliveryState !== 'FAILED' && r.deliveryState !== 'BLOCKED_BY_VONAGE';
  const blocked = (r: Row) => r.status === 'BLOCKED' || r.deliveryState === 'BLOCKED_BY_VONAGE';
  return {
    counters: {
      totalSms: count('SMS', () => true),
      smsSuccess: count('SMS', success),
      smsBlocked: count('SMS', blocked),
      totalVoice: count('VOICE', () => true),
      voiceSuccess: count('VOICE', success),
      voiceBlocked: count('VOICE', blocked),
    },
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
    const values = rows.map((_, i) => `($1, 'evt-${i}', $${i * 6 + 2}, $${i * 6 + 3}, $${i * 6 + 4}, $${i * 6 + 5}, $${i * 6 + 6}, $${i * 6 + 7}, '+44•••••••00', repeat('0', 64), 'DELIVERED')`);
    const params = rows.flatMap((r, i) => [r.createdAt, r.channel, r.status, r.deliveryState, r.sent ? `req-${i}` : null, r.converted ? r.createdAt : null]);
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
