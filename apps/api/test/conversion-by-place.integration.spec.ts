import { CHANNELS, REQUEST_KINDS, conversionCounts, defaultPolicy, isLowConversion, requestKindOf } from '@otc/contracts';
import type { ConversionByPlaceDto, ConversionCountsDto, ReportPeriod } from '@otc/contracts';
import { DataSource } from 'typeorm';
import { parsePhoneNumber } from '../src/common/phone-number';
import { DashboardService } from '../src/dashboard/dashboard.service';
import { ConversionByPlaceService } from '../src/dashboard/conversion-by-place.service';
import { CreateActivityUsageRollup1764196000000 } from '../src/database/migrations/1764196000000-CreateActivityUsageRollup';
import { DashboardReadsAtScale1764199000000 } from '../src/database/migrations/1764199000000-DashboardReadsAtScale';
import { requestKindSql } from '../src/delivery/activity-usage.repository';
import { ActivityRollupRepository } from '../src/delivery/activity-rollup.repository';
import { rollUpAll } from './support/roll-up';
import { JobWorker } from '../src/events/job-worker';
import { ActivityReportService } from '../src/delivery/activity-report.service';
import { FraudGuardService } from '../src/fraud/fraud-guard.service';
import { MemoryGuardStore } from '../src/fraud/memory-guard-store';
import { PlaceBaselineService } from '../src/fraud/place-baseline.service';
import { ProvenSeedService } from '../src/fraud/proven-seed.service';
import { TokensService } from '../src/tokens/tokens.service';
import { FakeClock } from './support/fake-clock';
import { startTestConnector, TestConnector } from './support/test-app';

jest.setTimeout(60_000);

const NOW = new Date('2026-11-20T12:34:56.789Z');
const HOUR = 3600_000;
const MINUTE = 60_000;
const DAY = 24 * HOUR;
const PERIOD_MS: Record<ReportPeriod, number> = { '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY };
const COUNTRIES = ['GB', 'UZ', 'US', null] as const;
const REQUEST_TYPES = ['com.okta.user.telephony.mfa-verification', 'com.okta.user.telephony.pre-enrollment', 'com.okta.user.telephony.password-reset', null, 'com.okta.user.telephony.something-new'];

interface Row {
  token: 'A' | 'B';
  createdAt: Date;
  country: string | null;
  channel: 'SMS' | 'VOICE';
  requestType: string | null;
  sent: boolean;
  convertedAt: Date | null;
}

/**
 * Five attempts every three hours for 40 days over two tokens, four places, both channels and every
 * request kind. Codes sent to UZ are never used (a pumped destination); elsewhere two sends in three
 * convert. US converts only in its oldest week, so its last conversion lies before the 30-day period.
 */
function history(): Row[] {
  const rows: Row[] = [];
  for (let slot = 0; slot < 40 * 8; slot++) {
    for (let k = 0; k < 5; k++) {
      const i = slot * 5 + k;
      const createdAt = new Date(NOW.getTime() - slot * 3 * HOUR - k * 17 * 60_000 - 321);
      const country = COUNTRIES[i % COUNTRIES.length];
      const sent = i % 7 !== 0;
      const converts = sent && country !== 'UZ' && i % 3 !== 0 && (country !== 'US' || slot >= 33 * 8);
      rows.push({
        token: Math.floor(i / 4) % 2 === 0 ? 'A' : 'B',
        createdAt,
        country,
        channel: Math.floor(i / 8) % 3 === 0 ? 'VOICE' : 'SMS',
        requestType: REQUEST_TYPES[Math.floor(i / 3) % REQUEST_TYPES.length],
        sent,
        convertedAt: converts ? new Date(createdAt.getTime() + 90_000) : null,
      });
    }
  }
  return rows;
}

function counts(rows: Row[]): ConversionCountsDto {
  return conversionCounts(rows.length, rows.filter((r) => r.sent).length, rows.filter((r) => r.convertedAt).length);
}

/** What the report must say, computed row by row in JavaScript. */
function expected(rows: Row[], period: ReportPeriod, ids: Record<'A' | 'B', string>, only: 'A' | 'B' | null) {
  const inPeriod = rows.filter((r) => r.createdAt.getTime() >= NOW.getTime() - PERIOD_MS[period] && (!only || r.token === only));
  const total = counts(inPeriod);
  const lastConversion = (token: 'A' | 'B', country: string | null) =>
    rows
      .filter((r) => r.token === token && r.country === country && r.convertedAt && r.convertedAt.getTime() >= NOW.getTime() - 90 * DAY)
      .reduce<Date | null>((last, r) => (!last || r.convertedAt! > last ? r.convertedAt : last), null)
      ?.toISOString() ?? null;
  return {
    total,
    byCountry: Object.fromEntries(
      COUNTRIES.filter((country) => inPeriod.some((r) => r.country === country)).map((country) => {
        const here = inPeriod.filter((r) => r.country === country);
        const tokens = (['A', 'B'] as const).filter((t) => here.some((r) => r.token === t)).sort((a, b) => ids[a].localeCompare(ids[b]));
        return [String(country), { ...counts(here), lowConversion: isLowConversion(counts(here), total), last: tokens.map((t) => [ids[t], lastConversion(t, country)]) }];
      }),
    ),
    byChannel: Object.fromEntries(CHANNELS.map((channel) => [channel, counts(inPeriod.filter((r) => r.channel === channel))])),
    byRequestKind: Object.fromEntries(REQUEST_KINDS.map((kind) => [kind, counts(inPeriod.filter((r) => requestKindOf(r.requestType) === kind))]).filter(([, c]) => (c as ConversionCountsDto).attempts > 0)),
  };
}

function shape(report: ConversionByPlaceDto) {
  const pick = ({ attempts, sent, converted, rate }: ConversionCountsDto) => ({ attempts, sent, converted, rate });
  return {
    total: pick(report.total),
    byCountry: Object.fromEntries(
      report.byCountry.map((c) => [String(c.country), { ...pick(c), lowConversion: c.lowConversion, last: c.baselines.map((b) => [b.tokenId, b.lastConvertedAt]) }]),
    ),
    byChannel: Object.fromEntries(report.byChannel.map((c) => [c.channel, pick(c)])),
    byRequestKind: Object.fromEntries(report.byRequestKind.map((k) => [k.requestKind, pick(k)])),
  };
}

describe('Conversion by place over a long history: rollup plus live counting', () => {
  let connector: TestConnector;
  let report: ConversionByPlaceService;
  let rollup: ActivityRollupRepository;
  let db: DataSource;
  const rows = history();
  const ids = { A: '', B: '' };

  beforeAll(async () => {
    connector = await startTestConnector({ clock: new FakeClock(NOW) });
    connector.app.get(JobWorker).stop();
    report = connector.app.get(ConversionByPlaceService);
    rollup = connector.app.get(ActivityRollupRepository);
    db = connector.app.get(DataSource);
    const tokens = connector.app.get(TokensService);
    ids.A = (await tokens.create('place-a', defaultPolicy())).id;
    ids.B = (await tokens.create('place-b', { ...defaultPolicy(), fraudGuard: { mode: 'OFF', thresholds: {} } })).id;
    const values = rows.map((_, i) => `($${i * 7 + 1}, 'evt-${i}', $${i * 7 + 2}, $${i * 7 + 3}, $${i * 7 + 4}, $${i * 7 + 5}, $${i * 7 + 6}, $${i * 7 + 7}, '+44•••••••00', repeat('0', 64), 'DELIVERED', 'SUCCESS')`);
    const params = rows.flatMap((r, i) => [ids[r.token], r.createdAt, r.country, r.channel, r.requestType, r.sent ? `req-${i}` : null, r.convertedAt]);
    await db.query(
      `INSERT INTO otp_activity (token_id, okta_event_id, created_at, country, channel, request_type, verify_request_id, converted_at, destination_masked, destination_hash, reason_code, status)
       VALUES ${values.join(', ')}`,
      params,
    );
  });

  afterAll(async () => {
    await connector?.stop();
  });

  it('should count the same places, rates and last conversions before and after settled hours move to the rollup', async () => {
    const cases = [
      ['24h', null],
      ['7d', null],
      ['30d', null],
      ['7d', 'A'],
      ['30d', 'B'],
    ] as const;
    const live = await Promise.all(cases.map(([period, token]) => report.conversionByPlace(period, token ? ids[token] : null)));
    // Everything up to the last whole minute but one is folded (the last day provisionally).
    expect(await rollUpAll(rollup, NOW)).toEqual(new Date(Math.floor((NOW.getTime() - MINUTE) / MINUTE) * MINUTE));
    expect(Number((await db.query('SELECT sum(attempts) AS n FROM activity_usage_hourly'))[0].n)).toBeGreaterThan(1000);
    const rolled = await Promise.all(cases.map(([period, token]) => report.conversionByPlace(period, token ? ids[token] : null)));

    cases.forEach(([period, token], k) => {
      expect(shape(live[k])).toEqual(expected(rows, period, ids, token));
      expect(rolled[k]).toEqual(live[k]);
    });
  });

  it('should add up: every country, every channel and every request kind sums to the total, and the channels match the dashboard', async () => {
    const place = await report.conversionByPlace('30d', null);
    const dashboard = await connector.app.get(DashboardService).summary('30d');
    for (const parts of [place.byCountry, place.byChannel, place.byRequestKind]) {
      for (const field of ['attempts', 'sent', 'converted'] as const) expect(parts.reduce((n, p) => n + p[field], 0)).toBe(place.total[field]);
    }
    expect(Object.fromEntries(place.byChannel.map((c) => [c.channel, c.rate]))).toEqual(dashboard.conversionRate);
    expect(place.total.attempts).toBe(CHANNELS.reduce((n, c) => n + Object.values(dashboard.outcomes[c]).reduce((a, b) => a + b, 0), 0));
  });

  it("should make the pumped country stand out, riskiest first, with each token's baseline from the guard and the records", async () => {
    // A real user in GB signs in for token A: the guard now counts GB as proven for it.
    const guard = connector.app.get(FraudGuardService);
    const policy = defaultPolicy();
    const attempt = { tokenId: ids.A, policy, attemptId: 'proof-1', phone: parsePhoneNumber('+447400123456'), requestType: null, channel: 'SMS' as const, ipAddress: null, oktaUserId: '00uPROOF' };
    expect((await guard.check(attempt)).refuse).toBe(false);
    await guard.recordConversion(ids.A, 'proof-1');

    const place = await report.conversionByPlace('30d', null);
    const unconverted = place.byCountry.map((c) => c.sent - c.converted);
    expect(unconverted).toEqual([...unconverted].sort((a, b) => b - a));
    expect(place.byCountry.filter((c) => c.lowConversion).map((c) => c.country).sort()).toEqual(['US', 'UZ']);
    expect(place.byCountry.slice(0, 2).every((c) => c.lowConversion && c.converted === 0)).toBe(true);
    const baseline = (country: string | null, token: 'A' | 'B') => place.byCountry.find((c) => c.country === country)!.baselines.find((b) => b.tokenId === ids[token])!;
    expect(baseline('GB', 'A')).toEqual({
      tokenId: ids.A,
      mode: 'ENFORCE',
      proven: true,
      lastConvertedAt: expect.any(String),
      floors: { windowMinutes: 10, perCountry: 25, perPrefix: 10, newNumbersPerCountry: null, newNumbersPerPrefix: null, newNumbersAllUnproven: null, conversionWidening: 1 },
    });
    // The records prove GB for token B too: a guard turned on there would count it proven.
    expect(baseline('GB', 'B')).toEqual({ tokenId: ids.B, mode: 'OFF', proven: true, lastConvertedAt: expect.any(String), floors: null });
    expect(baseline('UZ', 'A')).toEqual({
      tokenId: ids.A,
      mode: 'ENFORCE',
      proven: false,
      lastConvertedAt: null,
      floors: { windowMinutes: 10, perCountry: 25, perPrefix: 10, newNumbersPerCountry: 6, newNumbersPerPrefix: 2, newNumbersAllUnproven: 25, conversionWidening: 1 },
    });
    // US last converted 33 days ago: before the period, inside the 90 days a country stays proven.
    // This process's counters never saw it convert; they were seeded from the records, as the guard's are.
    expect(new Date(baseline('US', 'A').lastConvertedAt!).getTime()).toBeLessThan(NOW.getTime() - 30 * DAY);
    expect(baseline('US', 'A')).toMatchObject({ proven: true, floors: { newNumbersPerCountry: null } });
    // And the guard agrees: three new numbers in one US prefix, which it refuses where a country is unproven (2 per prefix).
    for (const n of [1, 2, 3]) {
      const enrollment = { ...attempt, attemptId: `us-${n}`, phone: parsePhoneNumber(`+1415555267${n}`), requestType: 'com.okta.user.telephony.pre-enrollment' };
      expect((await guard.check(enrollment)).refuse).toBe(false);
    }
    // The guard keys a number of no country by its calling code, which the records do not keep.
    expect(baseline(null, 'A').proven).toBeNull();
    // Where the counters are not this process's (the CLI without Redis), proven is unknown and the floors follow the records.
    const unread = await report.conversionByPlace('30d', ids.A, { readGuardCounters: false });
    expect(unread.byCountry.find((c) => c.country === 'US')!.baselines[0]).toMatchObject({ proven: null, floors: { newNumbersPerCountry: null } });
    expect(unread.byCountry.find((c) => c.country === 'UZ')!.baselines[0]).toMatchObject({ proven: null, floors: { newNumbersPerCountry: 6 } });
    // Shared counters not seeded yet, read by a process that does not seed them (the CLI with Redis): what the records prove counts, as the guard will seed it.
    const clock = new FakeClock(NOW);
    const counters = new MemoryGuardStore();
    const cli = new ConversionByPlaceService(connector.app.get(ActivityReportService), connector.app.get(TokensService), new PlaceBaselineService(counters, new ProvenSeedService(counters, clock), clock), clock);
    const unseeded = await cli.conversionByPlace('30d', ids.A);
    expect(Object.fromEntries(unseeded.byCountry.map((c) => [String(c.country), c.baselines[0].proven]))).toEqual({ UZ: false, US: true, GB: true, null: null });
  });

  it("should hold, after an installation with history upgrades through the usage rollup's migration and the next, exactly what the rollup's fold counts", async () => {
    await rollUpAll(rollup, NOW);
    const before = await report.conversionByPlace('30d', null);
    const folded = await db.query('SELECT * FROM activity_usage_hourly ORDER BY bucket, token_id, country, channel, request_kind');
    // The later migration empties the rollups for the worker to refold (its fold replaces hours): undo it first, redo it last.
    const migrations = [new CreateActivityUsageRollup1764196000000(), new DashboardReadsAtScale1764199000000()];
    const runner = db.createQueryRunner();
    try {
      for (const migration of [...migrations].reverse()) await migration.down(runner);
      for (const migration of migrations) await migration.up(runner);
    } finally {
      await runner.release();
    }
    await rollUpAll(rollup, NOW);
    expect(await db.query('SELECT * FROM activity_usage_hourly ORDER BY bucket, token_id, country, channel, request_kind')).toEqual(folded);
    expect(await report.conversionByPlace('30d', null)).toEqual(before);
  });

  it('should group request types in SQL exactly as requestKindOf does', async () => {
    const types = [...REQUEST_TYPES, 'COM.OKTA.USER.TELEPHONY.PRE-ENROLLMENT', "x' OR '1'='1", ''];
    const computed: Array<{ kind: string }> = await db.query(
      `SELECT ${requestKindSql()} AS kind FROM unnest($1::text[]) WITH ORDINALITY AS t(request_type, i) ORDER BY i`,
      [types],
    );
    expect(computed.map((r) => r.kind)).toEqual(types.map((t) => requestKindOf(t)));
  });
});
