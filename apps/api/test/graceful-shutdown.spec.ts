import { defaultPolicy } from '@otc/contracts';
import type { ActivityDto, Page } from '@otc/contracts';
import { mkdtempSync, rmSync } from 'fs';
import { connect } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { previewRequest } from '../src/cli/okta-preview';
import { TokensService } from '../src/tokens/tokens.service';
import { adminCall, adminSignIn } from './support/admin-client';
import { startTestConnector } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

jest.setTimeout(60_000);

/** Resolves with the socket error code, or 'connected' when something still accepts connections. */
function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe('Graceful shutdown (connector.close(), what SIGTERM runs)', () => {
  let database: TestDatabase | null;
  let dataDir: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'otc-shutdown-'));
  });

  afterAll(async () => {
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('should finish an in-flight hook call with SUCCESSFUL and a complete record, and refuse new connections once closing', async () => {
    const connector = await startTestConnector({ database, dataDir });
    const port = Number(new URL(connector.baseUrl).port);
    // Insights off: the only wait on Vonage is the Verify call the simulator delays.
    const base = defaultPolicy();
    const policy = { ...base, insights: { ...base.insights, enabled: false }, rateLimit: { enabled: false, maxPerWindow: 5 } };
    const secret = (await connector.app.get(TokensService).create('shutdown', policy)).tokenSecret;
    connector.simulator!.setLatency(800);

    const payload = previewRequest('+447400123456', 'sms', '482913');
    const inFlight = fetch(`${connector.baseUrl}/v1/hooks/okta/telephony`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: secret },
      body: JSON.stringify(payload),
    }).then(async (response) => ({
      status: response.status,
      body: (await response.json()) as { commands: Array<{ value: Array<{ status: string; transactionId: string }> }> },
      at: Date.now(),
    }));
    await new Promise((resolve) => setTimeout(resolve, 300));

    const closing = connector.close().then(() => Date.now());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const duringClose = await tryConnect(port);
    const [answer, closedAt] = await Promise.all([inFlight, closing]);

    expect(answer.status).toBe(200);
    expect(answer.body.commands[0].value[0].status).toBe('SUCCESSFUL');
    expect(answer.at).toBeLessThanOrEqual(closedAt);
    expect(duringClose).toBe('ECONNREFUSED');
    expect(await tryConnect(port)).toBe('ECONNREFUSED');
    await connector.close(); // a second SIGTERM, or stop() after close(), is harmless

    // The record as an operator sees it after the restart.
    const restarted = await startTestConnector({ database, dataDir });
    try {
      const jwt = await adminSignIn(restarted);
      const page = (await adminCall(restarted, jwt, 'GET', '/v1/admin/activity?limit=10')).json<Page<ActivityDto>>();
      const record = page.items.find((item) => item.oktaEventId === payload.eventId);
      expect(record).toMatchObject({
        status: 'SUCCESS',
        reasonCode: 'DELIVERED',
        verifyRequestId: answer.body.commands[0].value[0].transactionId,
        deliveryState: expect.any(String),
      });
      expect(record!.latencyMs).toBeGreaterThanOrEqual(800);
    } finally {
      await restarted.close();
    }
  });
});
