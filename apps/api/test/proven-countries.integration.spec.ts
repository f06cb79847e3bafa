import { randomBytes } from 'crypto';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { ConversionByPlaceService } from '../src/dashboard/conversion-by-place.service';
import { ActivityRollupRepository } from '../src/delivery/activity-rollup.repository';
import { rollUpAll } from './support/roll-up';
import { isDelivery, proveCountry, send, tokenWith } from './support/fraud-hook';
import { startTestConnector, TestConnector } from './support/test-app';
import { createStandaloneTestDatabase, TestDatabase } from './support/test-database';

jest.setTimeout(120_000);

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const DAY_MS = 86_400_000;

/** A send to Uzbekistan 20 days ago whose code was used, folded into the hourly rollup like any settled hour. */
async function oldConversionOnRecord(connector: TestConnector, tokenId: string): Promise<void> {
  const db = connector.app.get(DataSource);
  const createdAt = new Date(Date.now() - 20 * DAY_MS);
  await db.query(
    `INSERT INTO otp_activity (token_id, okta_event_id, created_at, country, channel, request_type, verify_request_id, converted_at, destination_masked, destination_hash, reason_code, status)
     VALUES ($1, $2, $3, 'UZ', 'SMS', 'com.okta.user.telephony.pre-enrollment', 'req-old', $4, '+998•••••••01', repeat('0', 64), 'DELIVERED', 'SUCCESS')`,
    [tokenId, `old-${tokenId}`, createdAt, new Date(createdAt.getTime() + 60_000)],
  );
  await rollUpAll(connector.app.get(ActivityRollupRepository), new Date());
  const [rolled] = await db.query('SELECT count(*)::int AS n FROM activity_usage_hourly WHERE token_id = $1 AND last_converted_at IS NOT NULL', [tokenId]);
  expect(rolled.n).toBe(1);
}

let sequence = 0;

/** New numbers (enrollments) of one prefix, from distinct people and addresses: which were delivered. */
async function enrol(connector: TestConnector, secret: string, numbers: string[]): Promise<boolean[]> {
  const delivered = [];
  for (const phoneNumber of numbers) {
    const n = ++sequence;
    const { body } = await send(connector, secret, { phoneNumber, channel: 'SMS', ipAddress: `81.2.${n % 200}.${(n * 7) % 250}`, userId: `00uPROVEN${n}` });
    delivered.push(isDelivery(body));
  }
  return delivered;
}

/**
 * The guard's view after its counters lost the token: Uzbekistan (converted 20 days ago, in the
 * rollup) and Great Britain (converted minutes ago, not folded yet) are proven from the records;
 * Kyrgyzstan, never converted in, still meets the new-number floors (2 per prefix).
 */
async function expectProvenFromRecords(connector: TestConnector, secret: string, tokenId: string, run: string): Promise<void> {
  expect(await enrol(connector, secret, [`+99890${run}00001`, `+99890${run}00002`, `+99890${run}00003`, `+99890${run}00004`])).toEqual([true, true, true, true]);
  expect(await enrol(connector, secret, [`+4474${run}000001`, `+4474${run}000002`, `+4474${run}000003`, `+4474${run}000004`])).toEqual([true, true, true, true]);
  expect(await enrol(connector, secret, [`+996555${run}0001`, `+996555${run}0002`, `+996555${run}0003`])).toEqual([true, true, false]);

  const report = await connector.app.get(ConversionByPlaceService).conversionByPlace('30d', tokenId);
  const proven = Object.fromEntries(report.byCountry.map((c) => [c.country, c.baselines[0].proven]));
  expect(proven).toEqual({ UZ: true, GB: true, KG: false });
}

describe('Proven countries come back from the records when the counters lose them', () => {
  let database: TestDatabase;

  // A database of each test's own: the rollup folds an hour once, so the old conversion must be inserted before any fold.
  beforeEach(async () => {
    database = await createStandaloneTestDatabase();
  });

  afterEach(async () => {
    await database?.drop();
  });

  it('should treat a country converted in the records as proven on a restarted instance without Redis', async () => {
    const first = await startTestConnector({ database });
    let second: TestConnector | null = null;
    try {
      const { secret, id } = await tokenWith(first);
      await oldConversionOnRecord(first, id);
      await proveCountry(first, secret, '+447400900001');
      await first.stop();

      second = await startTestConnector({ database });
      await expectProvenFromRecords(second, secret, id, '11');
    } finally {
      await first.stop().catch(() => undefined);
      await second?.stop();
    }
  });

  it('should treat a country converted in the records as proven after the Redis counters were flushed', async () => {
    const connector = await startTestConnector({ database, env: { REDIS_URL, ENCRYPTION_KEY: randomBytes(24).toString('hex') } });
    const redis = new Redis(REDIS_URL);
    try {
      const { secret, id } = await tokenWith(connector);
      await oldConversionOnRecord(connector, id);
      await proveCountry(connector, secret, '+447400900002');
      // Redis is shared with other suites: empty this token's counters only, which is what a flush does to it.
      const keys = await redis.keys(`otc:fg:${id}:*`);
      expect(keys.length).toBeGreaterThan(0);
      await redis.del(...keys);

      await expectProvenFromRecords(connector, secret, id, '22');
    } finally {
      redis.disconnect();
      await connector.stop();
    }
  });
});
