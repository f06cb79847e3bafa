import { ChildProcess, spawn } from 'child_process';
import { randomInt } from 'crypto';
import Redis from 'ioredis';
import { defaultPolicy, TokenPolicy } from '@otc/contracts';
import { DataSource } from 'typeorm';
import { TokensService } from '../src/tokens/tokens.service';
import { freePort, startTestConnector, TestConnector } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { Json, postTelephonyHook, telephonyRequest } from '@otc/e2e-support';

jest.setTimeout(60_000);

// The shared Redis of CI and docker compose; a DB index of its own keeps this file's keys apart.
const SHARED_REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

// Okta's recorded telephony request; each call changes the eventId and the number.


/** A valid UK mobile no other test uses; last four digits 3xxx trigger no simulator scenario. */
function uniqueMobile(): string {
  return `+447400${randomInt(10, 99)}3${randomInt(100, 999)}`;
}

function policy(maxPerWindow: number): TokenPolicy {
  const base = defaultPolicy();
  return { ...base, insights: { ...base.insights, enabled: false }, rateLimit: { enabled: true, maxPerWindow } };
}

function redisUrlWithDb(url: string, db: number): string {
  const parsed = new URL(url);
  parsed.pathname = `/${db}`;
  return parsed.toString();
}

async function post(connector: TestConnector, secret: string, phoneNumber: string) {
  const request = telephonyRequest({ phoneNumber });
  const { status, body, elapsedMs } = await postTelephonyHook(connector.baseUrl, secret, request);
  const action = body.commands?.[0]?.value?.[0];
  return {
    status,
    body,
    eventId: request.eventId as string,
    elapsedMs,
    /** 'SUCCESS' | 'FLAGGED' from the metadata of a delivered answer, else the refusal's reason (NO_DELIVERY names it in the metadata). */
    outcome: action ? /screening=(\w+)|^refused: (\w+)/.exec(action.transactionMetadata)?.slice(1).find(Boolean) : body.error?.errorCauses?.[0]?.reason,
  };
}

async function activityOf(connector: TestConnector, eventId: string): Promise<{ status: string; reason_code: string; flags: Array<{ code: string }> }> {
  const rows = await connector.app.get(DataSource).query('SELECT status, reason_code, flags FROM otp_activity WHERE okta_event_id = $1', [eventId]);
  expect(rows).toHaveLength(1);
  return rows[0];
}

async function readiness(connector: TestConnector): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${connector.baseUrl}/health/ready`);
  return { status: response.status, body: (await response.json()) as Json };
}

async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('Per-number rate limit shared through Redis', () => {
  describe('two instances on one Redis', () => {
    let database: TestDatabase | null;
    let a: TestConnector;
    let b: TestConnector;
    let secretA: string;
    let secretB: string;
    const db = randomInt(1, 16);

    beforeAll(async () => {
      // On PostgreSQL both instances share one database (and so one token); an embedded database has
      // one owner, so each gets its own. The limit lives in Redis either way.
      database = await createTestDatabase();
      const env = { REDIS_URL: redisUrlWithDb(SHARED_REDIS, db) };
      a = await startTestConnector({ env, database });
      b = await startTestConnector({ env, database });
      secretA = (await a.app.get(TokensService).create('instance-a', policy(5))).tokenSecret;
      secretB = database ? secretA : (await b.app.get(TokensService).create('instance-b', policy(5))).tokenSecret;
    });

    afterAll(async () => {
      await a?.stop();
      await b?.stop();
      await database?.drop();
    });

    it('should refuse the 6th code for a number when 3 went through instance A and 2 through B', async () => {
      const number = uniqueMobile();
      const outcomes: string[] = [];
      for (const connector of [a, b, a, b, a]) outcomes.push((await post(connector, connector === a ? secretA : secretB, number)).outcome);
      const sixth = await post(b, secretB, number);

      expect(outcomes).toEqual(Array(5).fill('SUCCESS'));
      expect(sixth.outcome).toBe('RATE_LIMITED');
      expect(a.simulator!.messages.length + b.simulator!.messages.length).toBe(5);
      expect(b.simulator!.messages.filter((m) => m.to === number.slice(1))).toHaveLength(2);
      expect(await activityOf(b, sixth.eventId)).toMatchObject({ status: 'BLOCKED', reason_code: 'RATE_LIMITED' });
      // And the limit holds on A too, for the same number only.
      expect((await post(a, secretA, number)).outcome).toBe('RATE_LIMITED');
      expect((await post(a, secretA, uniqueMobile())).outcome).toBe('SUCCESS');
    });

    it('should keep only a keyed hash of the number in Redis, never the number', async () => {
      const number = uniqueMobile();
      await post(a, secretA, number);
      const redis = new Redis(redisUrlWithDb(SHARED_REDIS, db));
      try {
        const keys = await redis.keys('otc:rate:*');
        expect(keys.length).toBeGreaterThan(0);
        expect(keys.every((k) => /^otc:rate:[0-9a-f]{64}$/.test(k))).toBe(true);
        expect(keys.join(' ')).not.toContain(number.slice(-9));
      } finally {
        redis.disconnect();
      }
    });
  });

  describe('when Redis goes away', () => {
    let connector: TestConnector;
    let redisPort: number;
    let redis: ChildProcess | null = null;
    let secret: string;

    async function startRedis(): Promise<void> {
      const child = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
      redis = child;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('redis-server did not start')), 10_000);
        child.stdout!.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('Ready to accept connections')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
      });
    }

    async function stopRedis(): Promise<void> {
      const child = redis;
      redis = null;
      if (!child || child.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      });
    }

    beforeAll(async () => {
      redisPort = await freePort();
      await startRedis();
      connector = await startTestConnector({ env: { REDIS_URL: `redis://127.0.0.1:${redisPort}` } });
      secret = (await connector.app.get(TokensService).create('redis-outage', policy(2))).tokenSecret;
    });

    afterAll(async () => {
      await connector?.stop();
      await stopRedis();
    });

    it('should deliver and flag RATE_LIMIT_UNAVAILABLE within 2.5 s while Redis is down, report it on readiness, and enforce limits again once it is back', async () => {
      const number = uniqueMobile();
      expect((await post(connector, secret, number)).outcome).toBe('SUCCESS');
      expect(await readiness(connector)).toMatchObject({ status: 200, body: { checks: { redis: 'ok' } } });

      await stopRedis();

      const during = await post(connector, secret, number);
      expect(during.status).toBe(200);
      expect(during.elapsedMs).toBeLessThan(2500);
      expect(during.body.commands[0].value[0].status).toBe('SUCCESSFUL');
      expect(during.outcome).toBe('FLAGGED');
      expect(await activityOf(connector, during.eventId)).toMatchObject({
        status: 'FLAGGED',
        reason_code: 'RATE_LIMIT_UNAVAILABLE',
        // The fraud guard's counters live in the same Redis: it says so too, and delivers.
        flags: [{ code: 'GUARD_UNAVAILABLE' }, { code: 'RATE_LIMIT_UNAVAILABLE' }],
      });
      // Fail open, not fail dead: more calls than the limit (2) still go out, each answered fast.
      for (let i = 0; i < 2; i++) {
        const again = await post(connector, secret, number);
        expect(again.outcome).toBe('FLAGGED');
        expect(again.elapsedMs).toBeLessThan(2500);
      }
      expect(await readiness(connector)).toMatchObject({ status: 503, body: { status: 'error', checks: { redis: 'error', database: 'ok' } } });

      await startRedis();

      expect(await eventually(() => readiness(connector), (r) => r.status === 200)).toMatchObject({ status: 200, body: { checks: { redis: 'ok' } } });
      // The rate limiter's own connection reconnects on its own schedule; the restarted Redis is empty.
      const first = await eventually(() => post(connector, secret, number), (r) => r.outcome !== 'FLAGGED');
      expect(first.outcome).toBe('SUCCESS');
      expect((await post(connector, secret, number)).outcome).toBe('SUCCESS');
      const third = await post(connector, secret, number);
      expect(third.outcome).toBe('RATE_LIMITED');
      expect(await activityOf(connector, third.eventId)).toMatchObject({ status: 'BLOCKED', reason_code: 'RATE_LIMITED' });
    });
  });
});
