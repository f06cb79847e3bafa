import { DataSource } from 'typeorm';
import { ActivityService } from '../src/delivery/activity.service';
import { authViaMfaDelivery, Harness, startHarness, telephonyCall } from './support/connector-with-vonage';

jest.setTimeout(60_000);

// PostgreSQL publishes a backend's table counters when it goes idle, at most once a second.
const COUNTERS_WAIT_MS = 20_000;

interface UpdateCounters {
  updates: number;
  hot: number;
}

/**
 * An attempt's row changes three or four times after its insert (settled, delivery callback,
 * conversion or expiry): each must be a HOT update, which writes no index entry. These are the
 * database's own counters, so the test reads what PostgreSQL did, not what we meant it to do.
 */
describe('otp_activity updates write no index entries', () => {
  let h: Harness;
  let token: { id: string; secret: string };

  beforeAll(async () => {
    h = await startHarness();
    token = await h.createToken();
  });
  afterAll(() => h.stop());

  const inject = (url: string, payload: unknown) => h.post(url, payload, token.secret);

  async function countersOnceAtLeast(updates: number): Promise<UpdateCounters> {
    const db = h.connector.app.get(DataSource);
    const until = Date.now() + COUNTERS_WAIT_MS;
    for (;;) {
      const [row] = await db.query(`SELECT n_tup_upd::int AS updates, n_tup_hot_upd::int AS hot FROM pg_stat_user_tables WHERE relname = 'otp_activity'`);
      if (row.updates >= updates || Date.now() > until) return row as UpdateCounters;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it('should settle delivered attempts, apply their status callbacks, convert one and expire the other as HOT updates', async () => {
    const converted = await inject('/v1/hooks/okta/telephony', telephonyCall(h.clock, { phone: '+447400130001', code: '314159', channel: 'SMS', userId: '00uHOT0001' }));
    const expired = await inject('/v1/hooks/okta/telephony', telephonyCall(h.clock, { phone: '+447400130002', code: '271828', channel: 'SMS', userId: '00uHOT0002' }));
    expect([converted.statusCode, expired.statusCode]).toEqual([200, 200]);
    await h.vonage.simulator.flushCallbacks();

    await inject('/v1/hooks/okta/events', authViaMfaDelivery(h.clock, { userId: '00uHOT0001', channel: 'sms' }));
    await h.worker().runOnce();
    h.clock.advance(6 * 60_000);
    await h.worker().runOnce();

    const activity = h.connector.app.get(ActivityService);
    const states = await Promise.all([converted, expired].map(async (answer) => (await activity.findByVerifyRequestId(answer.json().commands[0].value[0].transactionId))?.deliveryState));
    expect(states).toEqual(['CONVERTED', 'EXPIRED']);
    // Two completions, two delivery callbacks, a conversion and an expiry.
    const counters = await countersOnceAtLeast(6);
    expect(counters.updates).toBeGreaterThanOrEqual(6);
    expect(counters.hot).toBe(counters.updates);
  });
});
