import { createHash, createHmac, generateKeyPairSync, randomUUID } from 'crypto';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import { tmpdir } from 'os';
import { join } from 'path';
import { createVonageSimulator, VonageSimulator } from '@otc/vonage-sim';
import { defaultPolicy } from '@otc/contracts';
import type { TokenPolicy } from '@otc/contracts';
import { loadConfig } from '../../src/config/load-config';
import { ConnectorApp, createConnectorApp } from '../../src/create-app';
import { JobWorker } from '../../src/events/job-worker';
import { TokensService } from '../../src/tokens/tokens.service';
import { FakeClock } from './fake-clock';
import { freePort } from './test-app';
import { createTestDatabase, TestDatabase } from './test-database';

export const SIGNATURE_SECRET = 'test-signature-secret-0123456789abcdef';
const APPLICATION_ID = 'c0ffee00-0000-4000-8000-00000000e2e1';

/**
 * Vonage as the connector sees it in production: the simulator behind a small proxy that can make
 * Vonage reject SMS to chosen numbers synchronously, or be "down" (503) for checks.
 */
export class VonageStandIn {
  readonly rejectSmsTo = new Set<string>();
  checksDown = false;
  /** When set, Vonage's answers to new verifications wait for it (its callbacks do not). */
  startAnswersHeldUntil: Promise<void> | null = null;
  private server!: Server;
  url = '';

  constructor(readonly simulator: VonageSimulator) {}

  async listen(): Promise<void> {
    const target = await this.simulator.listen(0, '127.0.0.1');
    this.server = createServer((req, res) => void this.forward(target, req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
    await this.simulator.close();
  }

  private async forward(target: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const json = body.length ? (JSON.parse(body.toString()) as { workflow?: Array<{ channel: string; to: string }> }) : {};
    const first = json.workflow?.[0];
    if (req.method === 'POST' && req.url === '/v2/verify' && first?.channel === 'sms' && this.rejectSmsTo.has(first.to)) {
      return problem(res, 422, { title: 'Invalid params', detail: 'SMS is not supported to this destination', invalid_parameters: [{ name: 'workflow[0].to', reason: 'not SMS capable' }] });
    }
    if (this.checksDown && req.method === 'POST' && /^\/v2\/verify\/[^/]+$/.test(req.url ?? '')) {
      return problem(res, 503, { title: 'Service Unavailable', detail: 'simulated outage' });
    }
    const headers: Record<string, string> = {};
    for (const name of ['authorization', 'content-type']) if (req.headers[name]) headers[name] = String(req.headers[name]);
    const answer = await fetch(`${target}${req.url}`, { method: req.method, headers, body: body.length ? body : undefined });
    if (req.method === 'POST' && req.url === '/v2/verify') await this.startAnswersHeldUntil;
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    res.end(Buffer.from(await answer.arrayBuffer()));
  }
}

function problem(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  res.writeHead(status, { 'content-type': 'application/problem+json' });
  res.end(JSON.stringify({ type: 'https://developer.vonage.com/api-errors', instance: randomUUID(), ...body }));
}

export interface Harness {
  clock: FakeClock;
  vonage: VonageStandIn;
  connector: ConnectorApp;
  port: number;
  /** Stops the app (not Vonage, not the database) and starts it again on the same data. */
  restart(options?: { startWorker?: boolean }): Promise<ConnectorApp>;
  worker(): JobWorker;
  createToken(policy?: Partial<TokenPolicy>): Promise<{ id: string; secret: string }>;
  /** One Okta hook call (telephony or events) with a token's secret, in-process. */
  post(url: string, payload: unknown, secret: string): ReturnType<ConnectorApp['app']['inject']>;
  stop(): Promise<void>;
}

/**
 * Boots the real connector in live mode (not sandbox) against the stand-in Vonage, with signed status
 * callbacks back to it, a fake clock, and the job worker's timer stopped so tests drive it with runOnce().
 */
export async function startHarness(): Promise<Harness> {
  const clock = new FakeClock(new Date('2025-11-25T10:00:00.000Z'));
  const port = await freePort();
  const simulator = createVonageSimulator({
    applicationId: APPLICATION_ID,
    callbackUrl: `http://127.0.0.1:${port}/v1/hooks/vonage/status`,
    signatureSecret: SIGNATURE_SECRET,
    callbackDelayMs: 5,
  });
  const vonage = new VonageStandIn(simulator);
  await vonage.listen();
  const database: TestDatabase | null = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'otc-events-'));
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const env = {
    DATA_DIR: dataDir,
    PORT: String(port),
    JWT_SECRET: 'x'.repeat(40),
    ENCRYPTION_KEY: 'y'.repeat(40),
    LOG_LEVEL: 'error',
    VONAGE_API_KEY: 'test-key',
    VONAGE_API_SECRET: 'test-secret',
    VONAGE_APPLICATION_ID: APPLICATION_ID,
    VONAGE_PRIVATE_KEY: privateKey,
    VONAGE_API_HOST: vonage.url,
    VONAGE_INSIGHTS_HOST: vonage.url,
    VONAGE_SIGNATURE_SECRET: SIGNATURE_SECRET,
    ...(database ? { DATABASE_URL: database.url } : {}),
  };
  const boot = async (startWorker: boolean) => {
    const app = await createConnectorApp(loadConfig(env), { clock, logger: false });
    if (!startWorker) app.app.get(JobWorker).stop();
    await app.app.listen(port, '127.0.0.1');
    return app;
  };
  const harness: Harness = {
    clock,
    vonage,
    port,
    connector: await boot(false),
    async restart(options = {}) {
      // Let Vonage's queued callbacks land first: a restart test is about our pending work, not theirs.
      await vonage.simulator.flushCallbacks();
      await harness.connector.close();
      harness.connector = await boot(options.startWorker ?? false);
      return harness.connector;
    },
    worker: () => harness.connector.app.get(JobWorker),
    async createToken(policy = {}) {
      const created = await harness.connector.app
        .get(TokensService)
        .create('e2e', {
          ...defaultPolicy(),
          insights: { ...defaultPolicy().insights, enabled: false },
          rateLimit: { enabled: false, maxPerWindow: 5 },
          // Neighbouring test numbers over and over are what the fraud guard refuses; it has its own suite.
          fraudGuard: { mode: 'OFF', thresholds: {} },
          ...policy,
        });
      return { id: created.id, secret: created.tokenSecret };
    },
    post: (url, payload, secret) =>
      harness.connector.app.inject({ method: 'POST', url, headers: { authorization: secret, 'content-type': 'application/json' }, payload: payload as object }),
    async stop() {
      await vonage.simulator.flushCallbacks();
      await harness.connector.close();
      await vonage.close();
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** The Authorization header Vonage sends with a status callback: an HS256 JWT over this exact body. */
export function signedCallback(body: string, secret = SIGNATURE_SECRET, claims: Record<string, unknown> = {}): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const payload = { iat: Math.floor(Date.now() / 1000), jti: randomUUID(), iss: 'Vonage', payload_hash: createHash('sha256').update(body).digest('hex'), ...claims };
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}`;
  return `Bearer ${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'okta', name), 'utf8')) as T;
}

let sequence = 0;

/** An Okta telephony hook call as OKTA.md §1 describes it. */
export function telephonyCall(clock: FakeClock, input: { phone: string; code: string; channel: 'SMS' | 'Voice'; userId: string }): Record<string, unknown> {
  const now = clock.now();
  return {
    eventId: `tel-${Date.now()}-${sequence++}`,
    eventTime: now.toISOString(),
    eventType: 'com.okta.telephony.provider',
    eventTypeVersion: '1.0',
    contentType: 'application/json',
    cloudEventVersion: '0.1',
    source: 'https://example.okta.com/api/v1/inlineHooks/cal1',
    requestType: 'com.okta.user.telephony.mfa-verification',
    data: {
      context: { request: { id: 'reqId', method: 'POST', url: { value: '/idp/idx/challenge' }, ipAddress: '203.0.113.10' } },
      userProfile: { firstName: 'Test', lastName: 'User', login: 'test@example.com', userId: input.userId },
      messageProfile: {
        msgTemplate: `(HOOK)Your code is ${input.code}`,
        phoneNumber: input.phone,
        otpExpires: new Date(now.getTime() + 5 * 60_000).toISOString(),
        deliveryChannel: input.channel,
        otpCode: input.code,
        locale: 'EN-US',
      },
    },
  };
}

/** An auth_via_mfa delivery (built from OKTA.md §4) for this user, published at the clock's time. */
export function authViaMfaDelivery(
  clock: FakeClock,
  input: { userId: string; channel: 'sms' | 'voice'; result?: string; published?: Date },
): Record<string, unknown> & { data: { events: Array<Record<string, unknown>> } } {
  const delivery = fixture<Record<string, unknown> & { data: { events: Array<Record<string, unknown>> } }>(
    `event-hook-delivery-auth_via_mfa.${input.channel}.built-from-okta-md.json`,
  );
  const event = delivery.data.events[0];
  delivery.eventId = randomUUID();
  delivery.eventTime = clock.now().toISOString();
  event.uuid = randomUUID();
  event.published = (input.published ?? clock.now()).toISOString();
  (event.actor as Record<string, unknown>).id = input.userId;
  (event.outcome as Record<string, unknown>).result = input.result ?? 'SUCCESS';
  if (input.result === 'FAILURE') (event.outcome as Record<string, unknown>).reason = 'INVALID_CREDENTIALS';
  return delivery;
}
