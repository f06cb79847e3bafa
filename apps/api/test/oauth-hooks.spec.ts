import { defaultPolicy } from '@otc/contracts';
import { generateKeyPair } from 'jose';
import type { KeyLike } from 'jose';
import { JWKS_COOLDOWN_MS } from '../src/tokens/oauth-access-tokens';
import { DataSource } from 'typeorm';
import { TokenCache } from '../src/tokens/token-cache';
import { TokensRepository } from '../src/tokens/tokens.repository';
import { TokensService } from '../src/tokens/tokens.service';
import { postTelephonyHook, telephonyRequest } from '@otc/e2e-support';
import { AccessTokenOptions, LocalIssuer, OAUTH_AUDIENCE as AUDIENCE, OAUTH_SCOPE as SCOPE } from './support/local-issuer';
import { startTestConnector, TestConnector } from './support/test-app';

jest.setTimeout(120_000);

describe('Okta OAuth 2.0 access tokens on the hooks, beside the shared secret', () => {
  let connector: TestConnector;
  let issuer: LocalIssuer;
  let key: KeyLike;
  let secret: string;

  function accessToken(claims: Record<string, unknown> = {}, options: AccessTokenOptions & { signWith?: KeyLike } = {}): Promise<string> {
    return issuer.accessToken(options.signWith ?? key, claims, options);
  }

  const telephony = async (authorization: string) => (await postTelephonyHook(connector.baseUrl, authorization, telephonyRequest({ phoneNumber: '+447400123456' }))).status;
  const events = async (authorization: string) =>
    (await fetch(`${connector.baseUrl}/v1/hooks/okta/events`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify({ eventId: `oauth-${Math.random()}`, data: { events: [] } }) })).status;

  beforeAll(async () => {
    issuer = new LocalIssuer();
    await issuer.start();
    key = await issuer.newKey('key-1');
    connector = await startTestConnector();
    const policy = { ...defaultPolicy(), rateLimit: { enabled: false, maxPerWindow: 5 }, oauth: { issuer: issuer.url, audience: AUDIENCE, scope: SCOPE } };
    secret = (await connector.app.get(TokensService).create('oauth org', policy)).tokenSecret;
  });

  afterAll(async () => {
    await connector?.stop();
    await issuer?.close();
  });

  it('should accept a valid access token on both hooks, and still the shared secret', async () => {
    const token = await accessToken();
    expect(await telephony(`Bearer ${token}`)).toBe(200);
    expect(await events(`Bearer ${token}`)).toBe(204);
    expect(await telephony(secret)).toBe(200);
  });

  it('should refuse an expired token, another audience, another issuer, a missing scope and an unknown signing key', async () => {
    const stranger = (await generateKeyPair('RS256')).privateKey;
    const refused = [
      await accessToken({}, { expiresIn: '-2m' }),
      await accessToken({}, { audience: 'api://something-else' }),
      await accessToken({}, { issuer: `${issuer.url}-other` }),
      await accessToken({ scp: ['okta.users.read'] }),
      await accessToken({}, { signWith: stranger }),
      await accessToken({}, { signWith: stranger, kid: 'unknown-kid' }),
    ];
    for (const token of refused) {
      expect(await telephony(`Bearer ${token}`)).toBe(401);
      expect(await events(`Bearer ${token}`)).toBe(401);
    }
  });

  it('should follow a key rotation, refetching the key set at most once per cooldown however many unknown kids arrive', async () => {
    const rotated = await issuer.newKey('key-2');
    const stranger = (await generateKeyPair('RS256')).privateKey;
    const before = issuer.jwksFetches;
    for (let i = 0; i < 10; i++) expect(await telephony(`Bearer ${await accessToken({}, { kid: `forged-${i}`, signWith: stranger })}`)).toBe(401);
    expect(issuer.jwksFetches).toBeLessThanOrEqual(before + 1);

    // The cooldown is the behaviour under test: once it has passed, the next unknown kid refetches.
    await new Promise((resolve) => setTimeout(resolve, JWKS_COOLDOWN_MS + 500));
    const fetched = issuer.jwksFetches;
    expect(await telephony(`Bearer ${await accessToken({}, { kid: 'key-2', signWith: rotated })}`)).toBe(200);
    expect(issuer.jwksFetches).toBe(fetched + 1);
    expect(await telephony(`Bearer ${await accessToken({}, { kid: 'key-2', signWith: rotated })}`)).toBe(200);
    expect(issuer.jwksFetches).toBe(fetched + 1);
  });

  it('should answer repeated access-token calls from memory and refuse them at once when the token is revoked in the database', async () => {
    const policy = { ...defaultPolicy(), rateLimit: { enabled: false, maxPerWindow: 5 }, oauth: { issuer: issuer.url, audience: 'api://revocable', scope: SCOPE } };
    const cache = connector.app.get(TokenCache);
    // Creating a token empties the issuers' lists twice: at once on this instance, and again when the
    // insert's notification comes back. Wait for both, so the calls below start from a settled cache.
    const emptied = jest.spyOn(cache, 'invalidateIssuers');
    const revocable = await connector.app.get(TokensService).create('revocable oauth org', policy);
    for (let i = 0; (!cache.listening || emptied.mock.calls.length < 2) && i < 200; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    emptied.mockRestore();
    const token = await accessToken({}, { audience: 'api://revocable' });
    const reads = jest.spyOn(connector.app.get(TokensRepository), 'findCredentialsByOAuthIssuer');
    try {
      expect(await telephony(`Bearer ${token}`)).toBe(200);
      expect(await telephony(`Bearer ${token}`)).toBe(200);
      expect(reads).toHaveBeenCalledTimes(1);

      // As the CLI revokes: straight in the database; the change notification empties the cache.
      await connector.app.get(DataSource).query('UPDATE token SET revoked_at = now() WHERE id = $1', [revocable.id]);
      const until = Date.now() + 1000;
      let status = await telephony(`Bearer ${token}`);
      while (status !== 401 && Date.now() < until) status = await telephony(`Bearer ${token}`);
      expect(status).toBe(401);
    } finally {
      reads.mockRestore();
    }
  });

  it('should refuse an access token for a token whose policy names no issuer', async () => {
    const plain = (await connector.app.get(TokensService).create('secret only', defaultPolicy())).id;
    expect(plain).toBeDefined();
    expect(await telephony(`Bearer ${await accessToken({}, { issuer: 'https://nobody.example.com/oauth2/default' })}`)).toBe(401);
  });
});
