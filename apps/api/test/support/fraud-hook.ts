import { randomBytes, randomUUID } from 'crypto';
import { defaultPolicy, TokenPolicy } from '@otc/contracts';
import { Json, postTelephonyHook } from '@otc/e2e-support';
import { DataSource } from 'typeorm';
import { TokensService } from '../../src/tokens/tokens.service';
// The attack generator is plain JavaScript the benchmark runs without a build; the tests share it.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { signInEventBody, telephonyBody, TrafficRequest } from '../../../../bench/support/fraud-traffic';
import { startTestConnector, TestConnector } from './test-app';
import { createStandaloneTestDatabase, TestDatabase } from './test-database';

/** Okta traffic for the fraud guard's suites on the app in process: tokens, hook calls, converted sign-ins. */
function policy(changes: Partial<TokenPolicy> = {}): TokenPolicy {
  const base = defaultPolicy();
  return { ...base, insights: { ...base.insights, enabled: false }, ...changes };
}

let sequence = 0;

export async function send(connector: TestConnector, secret: string, request: TrafficRequest): Promise<{ body: Json; eventId: string }> {
  const eventId = `fraud-e2e-${++sequence}-${Math.random().toString(36).slice(2, 8)}`;
  const { status, body } = await postTelephonyHook(connector.baseUrl, secret, telephonyBody({ ...request, eventId, otpCode: '482913' }));
  expect(status).toBe(200);
  return { body, eventId };
}

export const isDelivery = (body: Json) => body.commands?.[0]?.value?.[0]?.status === 'SUCCESSFUL' && !String(body.commands[0].value[0].transactionId).startsWith('refused-');

export async function activityOf(connector: TestConnector, eventId: string): Promise<Json> {
  const rows: Json[] = await connector.app.get(DataSource).query('SELECT to_jsonb(a) AS row FROM otp_activity a WHERE okta_event_id = $1', [eventId]);
  return rows[0].row;
}

export async function tokenWith(connector: TestConnector, changes: Partial<TokenPolicy> = {}): Promise<{ secret: string; id: string; shortId: string }> {
  const created = await connector.app.get(TokensService).create(`fraud-${Math.random().toString(36).slice(2, 8)}`, policy(changes));
  return { secret: created.tokenSecret, id: created.id, shortId: created.token.shortId };
}

/**
 * A real user in the number's country signs in through Okta's event hook: the conversion job
 * matches it and the country is proven for the token (no longer "never converted in").
 */
export async function proveCountry(connector: TestConnector, secret: string, phoneNumber: string, published = new Date()): Promise<void> {
  const userId = `00uPROVE${++sequence}`;
  const { body, eventId } = await send(connector, secret, { phoneNumber, channel: 'SMS', ipAddress: '81.2.69.160', userId });
  expect(isDelivery(body)).toBe(true);
  const event = await fetch(`${connector.baseUrl}/v1/hooks/okta/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: secret },
    body: JSON.stringify(signInEventBody({ eventId: randomUUID(), userId, channel: 'SMS', published })),
  });
  expect(event.status).toBe(204);
  const deadline = Date.now() + 20_000;
  while (!(await activityOf(connector, eventId)).converted_at) {
    if (Date.now() > deadline) throw new Error('the sign-in was not converted within 20 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}


export interface InstancePair {
  a: TestConnector;
  b: TestConnector;
  stop(): Promise<void>;
}

/**
 * Two connectors on one database and the shared Redis. They get a key of this run's own, so the
 * fixed test numbers hash to fresh per-number rate-limit keys and earlier runs on this machine count for nothing.
 */
export async function startInstancePair(): Promise<InstancePair> {
  const database: TestDatabase = await createStandaloneTestDatabase();
  const env = { REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', ENCRYPTION_KEY: randomBytes(24).toString('hex') };
  const a = await startTestConnector({ database, env });
  const b = await startTestConnector({ database, env });
  return {
    a,
    b,
    async stop() {
      await a.stop();
      await b.stop();
      await database.drop();
    },
  };
}
