import { Logger } from '@nestjs/common';
import { defaultPolicy } from '@otc/contracts';
import { Client } from 'pg';
import { previewRequest } from '../src/cli/okta-preview';
import { AttemptRecoveryService } from '../src/delivery/attempt-recovery.service';
import { TokensService } from '../src/tokens/tokens.service';
import { TcpProxy } from './support/tcp-proxy';
import { startTestConnector, TestConnector } from './support/test-app';
import { createStandaloneTestDatabase, TestDatabase } from './support/test-database';

jest.setTimeout(90_000);

const HOOK_BUDGET_MS = 2500;

interface HookAnswer {
  status: number;
  ms: number;
  eventId: string;
  body: {
    commands?: Array<{ value: Array<{ status: string; transactionId: string }> }>;
    error?: { errorSummary: string; errorCauses: Array<{ reason: string; errorSummary: string }> };
  };
}

describe('Database outage on the hook path (PostgreSQL, the server or the embedded one, behind a TCP proxy that can be cut)', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let connector: TestConnector;
  let secret: string;
  const answers: HookAnswer[] = [];
  let phoneSuffix = 100;

  beforeAll(async () => {
    database = await createStandaloneTestDatabase();
    const proxied = await TcpProxy.forUrl(database.url);
    proxy = proxied.proxy;
    connector = await startTestConnector({ database: { url: proxied.url, drop: async () => undefined } });
    // Sequential numbers in one block are what the fraud guard refuses; this suite is about outages.
    const policy = { ...defaultPolicy(), rateLimit: { enabled: false, maxPerWindow: 5 }, fraudGuard: { mode: 'OFF' as const, thresholds: {} } };
    secret = (await connector.app.get(TokensService).create('outage', policy)).tokenSecret;
  });

  afterAll(async () => {
    await proxy?.restore();
    await connector?.stop();
    await proxy?.close();
    await database?.drop();
  });

  async function hook(authorization = secret): Promise<HookAnswer> {
    const payload = previewRequest(`+447400123${String(phoneSuffix++).padStart(3, '0')}`, 'sms', '482913');
    const started = Date.now();
    const response = await fetch(`${connector.baseUrl}/v1/hooks/okta/telephony`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify(payload),
    });
    const answer: HookAnswer = { status: response.status, ms: Date.now() - started, eventId: payload.eventId, body: (await response.json()) as HookAnswer['body'] };
    answers.push(answer);
    return answer;
  }

  async function ready(): Promise<{ status: number; ms: number; body: { checks: { database: string } } }> {
    const started = Date.now();
    const response = await fetch(`${connector.baseUrl}/health/ready`);
    return { status: response.status, ms: Date.now() - started, body: (await response.json()) as { checks: { database: string } } };
  }

  function expectOktaUnavailable(answer: HookAnswer): void {
    expect(answer.status).toBe(503);
    expect(answer.ms).toBeLessThan(HOOK_BUDGET_MS);
    expect(answer.body).toEqual({
      error: {
        errorSummary: expect.any(String),
        errorCauses: [expect.objectContaining({ reason: 'SERVICE_UNAVAILABLE', errorSummary: expect.stringMatching(/error id [0-9a-f-]{36}/) })],
      },
    });
    expect(JSON.stringify(answer.body)).not.toMatch(/at .*\.(ts|js):\d+/);
  }

  it('should deliver normally while the database is reachable', async () => {
    expect((await ready()).status).toBe(200);
    const answer = await hook();
    expect(answer.status).toBe(200);
    expect(answer.body.commands?.[0].value[0].status).toBe('SUCCESSFUL');
  });

  it('should report not ready and answer every hook 503 in Okta error shape within 2.5 s when the database is cut, sending nothing', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error');
    const sentBefore = connector.simulator!.messages.length;
    await proxy.cut();

    const readiness = await ready();
    expect(readiness).toMatchObject({ status: 503, body: { checks: { database: 'error' } } });
    expect(readiness.ms).toBeLessThan(1500);

    const during = await Promise.all(Array.from({ length: 5 }, () => hook()));
    during.forEach(expectOktaUnavailable);
    expect(connector.simulator!.messages.length).toBe(sentBefore);

    // The operator can find each answer's error id in the log.
    const errorId = during[0].body.error!.errorCauses[0].errorSummary.match(/error id ([0-9a-f-]{36})/)![1];
    expect(logged.mock.calls.some((call) => String(call[0]).includes(errorId))).toBe(true);
    logged.mockRestore();

    const event = await fetch(`${connector.baseUrl}/v1/hooks/okta/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: secret },
      body: JSON.stringify({ eventId: 'outage-evt', data: { events: [] } }),
    });
    expect(event.status).toBe(503);
    expect(await event.json()).toMatchObject({ error: { errorCauses: [{ reason: 'SERVICE_UNAVAILABLE' }] } });
  });

  it('should recover by itself once the database is back: ready again and delivering', async () => {
    await proxy.restore();
    const deadline = Date.now() + 10_000;
    let readiness = await ready();
    while (readiness.status !== 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      readiness = await ready();
    }
    expect(readiness).toMatchObject({ status: 200, body: { checks: { database: 'ok' } } });

    const after = await Promise.all(Array.from({ length: 3 }, () => hook()));
    after.forEach((answer) => expect(answer.body.commands?.[0].value[0].status).toBe('SUCCESSFUL'));
  });

  it('should answer 503 within 2.5 s when the database stops answering without closing connections (network partition)', async () => {
    const sentBefore = connector.simulator!.messages.length;
    proxy.blackhole();

    const readiness = await ready();
    expect(readiness).toMatchObject({ status: 503, body: { checks: { database: 'error' } } });
    expect(readiness.ms).toBeLessThan(1500);
    const during = await Promise.all(Array.from({ length: 3 }, () => hook()));
    during.forEach(expectOktaUnavailable);
    expect(connector.simulator!.messages.length).toBe(sentBefore);

    await proxy.restore();
    const deadline = Date.now() + 10_000;
    while ((await ready()).status !== 200 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await hook()).body.commands?.[0].value[0].status).toBe('SUCCESSFUL');
  });

  async function until(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function withDirectClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  it('should answer SUCCESSFUL once Vonage accepted the message although its record cannot be written, and write the record when the database is back', async () => {
    const noInsights = { ...defaultPolicy(), insights: { ...defaultPolicy().insights, enabled: false }, rateLimit: { enabled: false, maxPerWindow: 5 } };
    const quickSecret = (await connector.app.get(TokensService).create('write-fails', noInsights)).tokenSecret;
    const sentBefore = connector.simulator!.messages.length;
    connector.simulator!.setLatency(600);
    try {
      await withDirectClient(async (direct) => {
        const answering = hook(quickSecret);
        // The attempt is claimed and Vonage is accepting the message: now the database goes away.
        await until(async () => (await direct.query("SELECT 1 FROM otp_activity WHERE status = 'PENDING'")).rowCount === 1);
        await proxy.cut();
        const answer = await answering;
        expect(answer.status).toBe(200);
        expect(answer.body.commands?.[0].value[0].status).toBe('SUCCESSFUL');
        expect(connector.simulator!.messages.length).toBe(sentBefore + 1);

        await proxy.restore();
        const recorded = async () => (await direct.query('SELECT status, verify_request_id FROM otp_activity WHERE okta_event_id = $1', [answer.eventId])).rows[0];
        await until(async () => {
          await connector.app.get(AttemptRecoveryService).sweep();
          return (await recorded()).status !== 'PENDING';
        });
        expect(await recorded()).toEqual({ status: 'SUCCESS', verify_request_id: answer.body.commands![0].value[0].transactionId });
      });
    } finally {
      connector.simulator!.setLatency(0);
      await proxy.restore();
    }
  });

  it('should report not ready while writes fail although reads still work', async () => {
    await withDirectClient(async (locker) => {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE health_write_probe IN EXCLUSIVE MODE');
      expect(await ready()).toMatchObject({ status: 503, body: { checks: { database: 'ok', databaseWrite: 'error' } } });
      await locker.query('ROLLBACK');
    });
    await until(async () => (await ready()).status === 200);
  });

  it('should have a complete activity row for every call it answered SUCCESSFUL, and sent nothing else', async () => {
    const successful = answers.filter((a) => a.body.commands?.[0].value[0].status === 'SUCCESSFUL');
    expect(successful.length).toBeGreaterThanOrEqual(5);
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ okta_event_id: string; status: string; verify_request_id: string }>(
        'SELECT okta_event_id, status, verify_request_id FROM otp_activity WHERE okta_event_id = ANY($1)',
        [answers.map((a) => a.eventId)],
      );
      const byEvent = new Map(rows.map((r) => [r.okta_event_id, r]));
      for (const answer of successful) {
        expect(byEvent.get(answer.eventId)).toEqual({
          okta_event_id: answer.eventId,
          status: 'SUCCESS',
          verify_request_id: answer.body.commands![0].value[0].transactionId,
        });
      }
      expect(connector.simulator!.messages).toHaveLength(successful.length);
    } finally {
      await client.end();
    }
  });
});
