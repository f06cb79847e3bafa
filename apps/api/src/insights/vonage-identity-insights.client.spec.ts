import { generateKeyPairSync } from 'crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import { AddressInfo } from 'net';
import { InsightsUnavailableError } from './insights-unavailable.error';
import { VonageIdentityInsightsClient } from './vonage-identity-insights.client';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

const ALL = { digits: '447400123456', format: true, originalCarrier: true, currentCarrier: true };
const OK_BODY = {
  request_id: 'r-1',
  insights: {
    format: { country_code: 'GB', is_format_valid: true, status: { code: 'OK', message: 'Success' } },
    current_carrier: { name: 'EE', network_type: 'VIRTUAL', country_code: 'GB', status: { code: 'ok' } },
  },
};

describe('VonageIdentityInsightsClient', () => {
  let server: Server;
  let handler: Handler;
  let seen: { method?: string; url?: string; authorization?: string; body: unknown }[];
  let client: VonageIdentityInsightsClient;

  const json = (res: ServerResponse, status: number, body: unknown, type = 'application/json'): void => {
    res.writeHead(status, { 'content-type': type });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, authorization: req.headers.authorization, body: body ? JSON.parse(body) : undefined });
        handler(req, res, body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = new VonageIdentityInsightsClient({ applicationId: 'app-1', privateKey, host: `http://127.0.0.1:${port}/`, sdkTimeoutMs: 2000 });
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    seen = [];
    handler = (_req, res) => json(res, 200, OK_BODY);
  });

  const failure = async (promise: Promise<unknown>): Promise<InsightsUnavailableError> => {
    const error = await promise.then(
      () => new Error('expected a failure'),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InsightsUnavailableError);
    return error as InsightsUnavailableError;
  };

  it('should post only the enabled insights with a bearer JWT for the application', async () => {
    await client.lookup({ ...ALL, originalCarrier: false }, { timeoutMs: 1000 });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/identity-insights/v1/requests' });
    expect(seen[0].body).toEqual({ phone_number: '447400123456', insights: { format: {}, current_carrier: {} } });
    const [scheme, jwt] = (seen[0].authorization ?? '').split(' ');
    expect(scheme).toBe('Bearer');
    const claims = JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());
    expect(claims.application_id).toBe('app-1');
  });

  it('should not call Vonage when nothing is asked for', async () => {
    await expect(client.lookup({ ...ALL, format: false, originalCarrier: false, currentCarrier: false }, { timeoutMs: 500 })).resolves.toEqual({});
    expect(seen).toHaveLength(0);
  });

  it('should map a 200 answer to our types', async () => {
    await expect(client.lookup(ALL, { timeoutMs: 1000 })).resolves.toEqual({
      format: { status: 'OK', valid: true, country: 'GB' },
      currentCarrier: { status: 'OK', name: 'EE', networkType: 'VIRTUAL', country: 'GB' },
    });
  });

  it.each<[string, Handler, RegExp]>([
    ['a bare 500', (_q, res) => json(res, 500, ''), /^http 500$/],
    [
      'an RFC 7807 problem',
      (_q, res) => json(res, 400, { type: 'https://developer.vonage.com/api-errors#invalid-json', title: 'Malformed JSON', detail: 'Malformed JSON payload' }, 'application/problem+json'),
      /^http 400: Malformed JSON - Malformed JSON payload$/,
    ],
    ['a {status, code, message} error', (_q, res) => json(res, 401, { status: 401, code: 'UNAUTHORIZED', message: 'Invalid token' }), /^http 401: UNAUTHORIZED - Invalid token$/],
    ['a 200 that is not JSON', (_q, res) => json(res, 200, '<html>oops</html>', 'text/html'), /^bad body$/],
    ['a 200 JSON without insights', (_q, res) => json(res, 200, { hello: 'world' }), /^bad body$/],
    ['a 200 with broken JSON', (_q, res) => json(res, 200, '{"insights":'), /^bad body$/],
  ])('should throw InsightsUnavailableError for %s', async (_name, h, cause) => {
    handler = h;
    expect((await failure(client.lookup(ALL, { timeoutMs: 1000 }))).cause).toMatch(cause);
  });

  it('should give up on a hanging server within its timeout', async () => {
    handler = () => undefined;
    const started = Date.now();
    const error = await failure(client.lookup(ALL, { timeoutMs: 200 }));
    expect(error.cause).toMatch(/timeout/);
    expect(Date.now() - started).toBeLessThan(200 + 100);
  });

  it('should report a network failure', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const dead = new VonageIdentityInsightsClient({ applicationId: 'app-1', privateKey, host: `http://127.0.0.1:${port}`, sdkTimeoutMs: 1000 });
    expect((await failure(dead.lookup(ALL, { timeoutMs: 1000 }))).cause).toMatch(/^network: ECONNREFUSED$/);
  });
});
