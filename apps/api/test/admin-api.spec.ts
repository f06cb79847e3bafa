import { sign } from 'jsonwebtoken';
import type { LoginResponse, TokenCreatedDto } from '@otc/contracts';
import { TokensService } from '../src/tokens/tokens.service';
import { FakeClock } from './support/fake-clock';
import { startTestConnector, TestConnector } from './support/test-app';

jest.setTimeout(60_000);

const JWT_SECRET = 'j'.repeat(40); // what startTestConnector configures
const ADMIN_ROUTES: Array<{ method: 'GET' | 'POST' | 'PATCH'; url: string }> = [
  { method: 'POST', url: '/v1/admin/logout' },
  { method: 'POST', url: '/v1/admin/tokens' },
  { method: 'GET', url: '/v1/admin/tokens' },
  { method: 'GET', url: '/v1/admin/tokens/00000000-0000-4000-8000-000000000000' },
  { method: 'POST', url: '/v1/admin/tokens/00000000-0000-4000-8000-000000000000/rotate' },
  { method: 'POST', url: '/v1/admin/tokens/00000000-0000-4000-8000-000000000000/revoke' },
  { method: 'PATCH', url: '/v1/admin/tokens/00000000-0000-4000-8000-000000000000/policy' },
  { method: 'GET', url: '/v1/admin/tokens/00000000-0000-4000-8000-000000000000/stats' },
  { method: 'GET', url: '/v1/admin/audit' },
  { method: 'GET', url: '/v1/sandbox/messages' },
];

function decodePayload(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('admin API: sign-in, sessions and auth on every admin route', () => {
  const clock = new FakeClock(new Date('2026-03-01T09:00:00Z'));
  let connector: TestConnector;
  let credentials: { apiKey: string; apiSecret: string };

  beforeAll(async () => {
    connector = await startTestConnector({ clock });
    credentials = { apiKey: connector.config.vonage.apiKey, apiSecret: connector.config.vonage.apiSecret };
  });

  afterAll(async () => {
    await connector?.stop();
  });

  let address = 0;
  /** Each sign-in comes from its own address unless a test says otherwise, so the login throttle stays out of the way. */
  async function login(body: unknown = credentials, remoteAddress = `10.0.0.${++address}`) {
    return connector.app.inject({ method: 'POST', url: '/v1/admin/login', payload: body as object, remoteAddress });
  }

  async function signIn(): Promise<string> {
    const response = await login();
    expect(response.statusCode).toBe(200);
    return response.json<LoginResponse>().accessToken;
  }

  function call(route: { method: 'GET' | 'POST' | 'PATCH'; url: string }, jwt?: string, payload?: object) {
    return connector.app.inject({ ...route, payload, headers: jwt ? { authorization: `Bearer ${jwt}` } : {} });
  }

  describe('sign-in', () => {
    it('should sign in with the instance Vonage credentials and return a short-lived JWT', async () => {
      const response = await login();
      expect(response.statusCode).toBe(200);
      const body = response.json<LoginResponse>();
      expect(body.mode).toBe('sandbox');
      expect(new Date(body.expiresAt).getTime()).toBe(clock.now().getTime() + connector.config.adminSessionTtlSeconds * 1000);
      const payload = decodePayload(body.accessToken);
      expect(payload).toMatchObject({ sub: `admin:${credentials.apiKey}` });
      expect(typeof payload.jti).toBe('string');
    });

    it('should answer wrong credentials with 401 and the same message whichever half was wrong', async () => {
      const wrongSecret = await login({ ...credentials, apiSecret: `${credentials.apiSecret}x` });
      const wrongKey = await login({ ...credentials, apiKey: 'sandbox-00000000' });
      expect(wrongSecret.statusCode).toBe(401);
      expect(wrongKey.statusCode).toBe(401);
      expect(wrongSecret.json()).toEqual(wrongKey.json());
    });

    it('should reject a body without credentials with 400 naming the field', async () => {
      const response = await login({ apiKey: credentials.apiKey });
      expect(response.statusCode).toBe(400);
      expect(response.json().fields).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'apiSecret' })]));
    });

    it('should throttle sign-in attempts per client address, right or wrong', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await login({ ...credentials, apiSecret: 'guess' }, '192.0.2.77')).statusCode);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      const refused = await login(credentials, '192.0.2.77');
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(Object.keys(refused.headers).filter((h) => h.startsWith('retry-after-'))).toEqual([]);
      expect((await login(credentials, '192.0.2.78')).statusCode).toBe(200);
    });

    it('should not accept credentials in the query string', async () => {
      const query = new URLSearchParams(credentials).toString();
      const response = await connector.app.inject({ method: 'POST', url: `/v1/admin/login?${query}`, remoteAddress: '10.9.9.9' });
      expect(response.statusCode).toBe(400);
    });
  });

  describe.each(ADMIN_ROUTES)('$method $url', (route) => {
    it('should answer 401 without a token', async () => {
      expect((await call(route)).statusCode).toBe(401);
    });

    it('should answer 401 to an expired JWT', async () => {
      const jwt = await signIn();
      clock.advance((connector.config.adminSessionTtlSeconds + 1) * 1000);
      try {
        expect((await call(route, jwt)).statusCode).toBe(401);
      } finally {
        clock.advance(-(connector.config.adminSessionTtlSeconds + 1) * 1000);
      }
    });

    it('should answer 401 to a JWT whose exp has passed even when its session is live', async () => {
      const payload = decodePayload(await signIn());
      const expired = sign({ ...payload, exp: Math.floor(clock.now().getTime() / 1000) - 1 }, JWT_SECRET, { algorithm: 'HS256' });
      expect((await call(route, expired)).statusCode).toBe(401);
    });

    it('should answer 401 to a tampered JWT', async () => {
      const [header, , signature] = (await signIn()).split('.');
      const forged = Buffer.from(JSON.stringify({ sub: 'admin:someone-else', jti: '00000000-0000-4000-8000-000000000001', exp: 4102444800 })).toString('base64url');
      expect((await call(route, `${header}.${forged}.${signature}`)).statusCode).toBe(401);
    });

    it('should answer 401 to an unsigned JWT and to one signed with another secret', async () => {
      const payload = decodePayload(await signIn());
      const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.`;
      expect((await call(route, unsigned)).statusCode).toBe(401);
      expect((await call(route, sign(payload, 'k'.repeat(40), { algorithm: 'HS256' }))).statusCode).toBe(401);
    });

    it('should let a signed-in admin through', async () => {
      const response = await call(route, await signIn(), route.url === '/v1/admin/tokens' && route.method === 'POST' ? { name: 'ok' } : undefined);
      expect(response.statusCode).not.toBe(401);
    });
  });

  it('should protect admin paths however they are spelled', async () => {
    for (const url of ['/v1/admin/tokens?x=1', '/v1/%61dmin/tokens', '/v1/admin/tokens/']) {
      expect((await connector.app.inject({ method: 'GET', url })).statusCode).not.toBe(200);
    }
  });

  it('should end the session on logout, so the same JWT is refused afterwards', async () => {
    const jwt = await signIn();
    expect((await call({ method: 'GET', url: '/v1/admin/tokens' }, jwt)).statusCode).toBe(200);
    expect((await call({ method: 'POST', url: '/v1/admin/logout' }, jwt)).statusCode).toBe(204);
    expect((await call({ method: 'GET', url: '/v1/admin/tokens' }, jwt)).statusCode).toBe(401);
  });

  it('should leave non-admin routes alone', async () => {
    expect((await connector.app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
  });

  describe('tokens', () => {
    it('should create a token and show the four Okta values once, never a secret or hash afterwards', async () => {
      const jwt = await signIn();
      const created = await call({ method: 'POST', url: '/v1/admin/tokens' }, jwt, { name: 'Okta prod', policy: { onFlag: 'BLOCK' } });
      expect(created.statusCode).toBe(201);
      const body = created.json<TokenCreatedDto>();
      expect(body.telephonyWebhookUrl).toBe(`${connector.config.publicUrl}/v1/hooks/okta/telephony`);
      expect(body.eventWebhookUrl).toBe(`${connector.config.publicUrl}/v1/hooks/okta/events`);
      expect(body.authHeaderName).toBe('Authorization');
      expect(body.tokenSecret).toMatch(/^otc_/);
      expect(body.token.policy.onFlag).toBe('BLOCK');

      const list = await call({ method: 'GET', url: '/v1/admin/tokens' }, jwt);
      const one = await call({ method: 'GET', url: `/v1/admin/tokens/${body.id}` }, jwt);
      for (const text of [list.body, one.body]) {
        expect(text).not.toContain(body.tokenSecret);
        expect(text).not.toMatch(/secret|hash/i);
      }
      expect(one.json()).toMatchObject({ id: body.id, name: 'Okta prod', shortId: body.token.shortId, status: 'ACTIVE', lastUsedAt: null });
      expect((await call({ method: 'GET', url: `/v1/admin/tokens/${body.token.shortId}` }, jwt)).json().id).toBe(body.id);
    });

    it('should answer an invalid policy with 400 naming the field', async () => {
      const jwt = await signIn();
      const response = await call({ method: 'POST', url: '/v1/admin/tokens' }, jwt, { name: 'x', policy: { rateLimit: { enabled: true, maxPerWindow: 0 } } });
      expect(response.statusCode).toBe(400);
      expect(response.json().fields).toEqual([expect.objectContaining({ field: 'rateLimit.maxPerWindow' })]);
    });

    it('should answer an invalid name with 400 naming the field', async () => {
      const jwt = await signIn();
      for (const name of [undefined, '', 'n'.repeat(101), 42, '   ']) {
        const response = await call({ method: 'POST', url: '/v1/admin/tokens' }, jwt, { name });
        expect(response.statusCode).toBe(400);
        expect(response.json().fields).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'name' })]));
      }
    });

    it('should edit the policy in place: same id and secret, next revision, audited with what changed', async () => {
      const jwt = await signIn();
      const created = (await call({ method: 'POST', url: '/v1/admin/tokens' }, jwt, { name: 'editable', policy: { expiresIn: '30d' } })).json<TokenCreatedDto>();
      const policy = { ...created.token.policy, onFlag: 'BLOCK', countryAllowlist: ['GB'] };
      delete (policy as Record<string, unknown>).expiresIn;

      const edited = await call({ method: 'PATCH', url: `/v1/admin/tokens/${created.id}/policy` }, jwt, { policy, revision: 1 });

      expect(edited.statusCode).toBe(200);
      expect(edited.json()).toMatchObject({ id: created.id, policyRevision: 2, policy: { onFlag: 'BLOCK', countryAllowlist: ['GB'], expiresIn: '30d' } });
      expect(edited.json().expiresAt).toBe(created.token.expiresAt);
      const authenticated = await connector.app.get(TokensService).authenticate(created.tokenSecret);
      expect(authenticated).toMatchObject({ id: created.id, policy: { onFlag: 'BLOCK' } });
      const audit = (await call({ method: 'GET', url: '/v1/admin/audit?limit=1' }, jwt)).json();
      expect(audit.items[0]).toMatchObject({ action: 'token.policy_updated', targetId: created.id });
      expect(audit.items[0].detail).toBe('revision 2: countryAllowlist [] -> ["GB"]; onFlag "FLAG_AND_DELIVER" -> "BLOCK"');

      const stale = await call({ method: 'PATCH', url: `/v1/admin/tokens/${created.id}/policy` }, jwt, { policy, revision: 1 });
      expect(stale.statusCode).toBe(409);
      const lifetime = await call({ method: 'PATCH', url: `/v1/admin/tokens/${created.id}/policy` }, jwt, { policy: { ...policy, expiresIn: 'never' } });
      expect(lifetime.statusCode).toBe(400);
      expect(lifetime.json().fields).toEqual([expect.objectContaining({ field: 'expiresIn' })]);
      const bad = await call({ method: 'PATCH', url: `/v1/admin/tokens/${created.id}/policy` }, jwt, { policy: { onFlag: 'NOPE' } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().fields).toEqual([expect.objectContaining({ field: 'onFlag' })]);
      await call({ method: 'POST', url: `/v1/admin/tokens/${created.id}/revoke` }, jwt);
      expect((await call({ method: 'PATCH', url: `/v1/admin/tokens/${created.id}/policy` }, jwt, { policy })).statusCode).toBe(409);
    });

    it('should link a rotated token both ways', async () => {
      const jwt = await signIn();
      const created = (await call({ method: 'POST', url: '/v1/admin/tokens' }, jwt, { name: 'lineage' })).json<TokenCreatedDto>();
      const rotated = (await call({ method: 'POST', url: `/v1/admin/tokens/${created.id}/rotate` }, jwt)).json<TokenCreatedDto>();
      expect((await call({ method: 'GET', url: `/v1/admin/tokens/${created.id}` }, jwt)).json()).toMatchObject({ rotatedToId: rotated.id, rotatedFromId: null });
      expect((await call({ method: 'GET', url: `/v1/admin/tokens/${rotated.id}` }, jwt)).json()).toMatchObject({ rotatedFromId: created.id, rotatedToId: null });
      const listed = (await call({ method: 'GET', url: '/v1/admin/tokens' }, jwt)).json().find((t: { id: string }) => t.id === created.id);
      expect(listed.rotatedToId).toBe(rotated.id);
    });

    it('should answer 404 for a token that does not exist, whatever the id looks like', async () => {
      const jwt = await signIn();
      for (const id of ['00000000-0000-4000-8000-000000000000', 'deadbeef', '------------------------------------']) {
        expect((await call({ method: 'GET', url: `/v1/admin/tokens/${id}` }, jwt)).statusCode).toBe(404);
        expect((await call({ method: 'POST', url: `/v1/admin/tokens/${id}/revoke` }, jwt)).statusCode).toBe(404);
      }
    });
  });

  describe('audit', () => {
    it('should record sign-ins, failures and token changes with actor and address, newest first, in pages', async () => {
      const jwt = await signIn();
      await login({ ...credentials, apiSecret: 'guessed-secret-123' }, '203.0.113.5');
      const created = (await call({ method: 'POST', url: '/v1/admin/tokens' }, jwt, { name: 'audited' })).json<TokenCreatedDto>();
      await call({ method: 'POST', url: `/v1/admin/tokens/${created.id}/rotate` }, jwt);
      await call({ method: 'POST', url: `/v1/admin/tokens/${created.id}/revoke` }, jwt);

      const page = (await call({ method: 'GET', url: '/v1/admin/audit?limit=3' }, jwt)).json();
      expect(page.items.map((e: { action: string }) => e.action)).toEqual(['token.revoked', 'token.rotated', 'token.created']);
      expect(page.items[0]).toMatchObject({ actor: `admin:${credentials.apiKey}`, targetId: created.id, clientAddress: '127.0.0.1' });
      const next = (await call({ method: 'GET', url: `/v1/admin/audit?limit=1&cursor=${page.nextCursor}` }, jwt)).json();
      expect(next.items[0]).toMatchObject({ action: 'auth.sign_in_failed', actor: 'anonymous', clientAddress: '203.0.113.5' });
      expect(JSON.stringify(next)).not.toContain('guessed-secret-123');
    });

    it('should answer a bad limit or cursor with 400 naming the field', async () => {
      const jwt = await signIn();
      const badLimit = await call({ method: 'GET', url: '/v1/admin/audit?limit=0' }, jwt);
      const badCursor = await call({ method: 'GET', url: '/v1/admin/audit?cursor=nonsense' }, jwt);
      expect(badLimit.statusCode).toBe(400);
      expect(badLimit.json().fields[0].field).toBe('limit');
      expect(badCursor.statusCode).toBe(400);
      expect(badCursor.json().fields[0].field).toBe('cursor');
    });
  });
});
