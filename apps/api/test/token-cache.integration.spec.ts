import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { TokenCreatedDto } from '@otc/contracts';
import { DataSource } from 'typeorm';
import { TokenCache } from '../src/tokens/token-cache';
import { TokensRepository } from '../src/tokens/tokens.repository';
import { adminCall, adminSignIn, hookStatus } from './support/admin-client';
import { LocalIssuer, OAUTH_SCOPE } from './support/local-issuer';
import { startTestConnector, TestConnector } from './support/test-app';
import { createStandaloneTestDatabase, TestDatabase } from './support/test-database';

jest.setTimeout(90_000);

// How stale a token may be on another instance: the change notification's trip, on a busy machine.
const STALENESS_BOUND_MS = 1_000;

async function waitFor(condition: () => boolean | Promise<boolean>, withinMs: number): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > withinMs) throw new Error(`not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return Date.now() - started;
}

/** Two instances on one database, each keeping token lookups in memory while change notifications arrive. */
describe('token lookups kept in memory, across two instances', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'otc-token-cache-'));
  let database: TestDatabase;
  let a: TestConnector;
  let b: TestConnector;
  let jwt: string;

  beforeAll(async () => {
    database = await createStandaloneTestDatabase();
    a = await startTestConnector({ database, dataDir });
    b = await startTestConnector({ database, dataDir });
    jwt = await adminSignIn(a);
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function create(policy: object = {}): Promise<TokenCreatedDto> {
    const response = await adminCall(a, jwt, 'POST', '/v1/admin/tokens', { name: 'cached', policy: { rateLimit: { enabled: false, maxPerWindow: 5 }, ...policy } });
    expect(response.statusCode).toBe(201);
    return response.json<TokenCreatedDto>();
  }

  /** Revokes the way a CLI in another process does: straight in the database, no instance involved. */
  async function revokeInDatabase(id: string): Promise<void> {
    await a.app.get(DataSource).query('UPDATE token SET revoked_at = now() WHERE id = $1', [id]);
  }

  function databaseReads(connector: TestConnector): jest.SpyInstance {
    return jest.spyOn(connector.app.get(TokensRepository), 'findCredentials');
  }

  afterEach(() => jest.restoreAllMocks());

  it('should answer repeated calls from memory and refuse a token revoked elsewhere within the staleness bound', async () => {
    const created = await create();
    await waitFor(() => b.app.get(TokenCache).listening, 10_000);
    const reads = databaseReads(b);
    expect(await hookStatus(b, created.tokenSecret)).toBe(200);
    expect(await hookStatus(b, created.tokenSecret)).toBe(200);
    expect(reads).toHaveBeenCalledTimes(1);

    await revokeInDatabase(created.id);
    const staleForMs = await waitFor(async () => (await hookStatus(b, created.tokenSecret)) === 401, STALENESS_BOUND_MS);
    expect(staleForMs).toBeLessThan(STALENESS_BOUND_MS);
    expect(await hookStatus(a, created.tokenSecret)).toBe(401);
  });

  it('should refuse a token on the very next call to the instance that revoked it', async () => {
    const created = await create();
    expect(await hookStatus(a, created.tokenSecret)).toBe(200);
    expect((await adminCall(a, jwt, 'POST', `/v1/admin/tokens/${created.id}/revoke`)).statusCode).toBe(200);
    expect(await hookStatus(a, created.tokenSecret)).toBe(401);
  });

  it('should read the database on every call while change notifications are lost, and use memory again once they are back', async () => {
    const created = await create();
    const cache = b.app.get(TokenCache);
    await waitFor(() => cache.listening, 10_000);
    expect(await hookStatus(b, created.tokenSecret)).toBe(200);

    await a.app
      .get(DataSource)
      .query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'otc-token-listener' AND datname = current_database()`);
    await waitFor(() => !cache.listening, 10_000);
    await revokeInDatabase(created.id);
    // No notification can arrive now: only a database read refuses it.
    expect(await hookStatus(b, created.tokenSecret)).toBe(401);

    await waitFor(() => cache.listening, 10_000);
    const fresh = await create();
    const reads = databaseReads(b);
    expect(await hookStatus(b, fresh.tokenSecret)).toBe(200);
    expect(await hookStatus(b, fresh.tokenSecret)).toBe(200);
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it('should accept at once a token created for an OAuth issuer whose token list the other instance holds in memory', async () => {
    const issuer = new LocalIssuer();
    await issuer.start();
    try {
      const key = await issuer.newKey('key-1');
      const forAudience = (audience: string) => ({ oauth: { issuer: issuer.url, audience, scope: OAUTH_SCOPE } });
      await create(forAudience('api://first-org'));
      await waitFor(() => b.app.get(TokenCache).listening, 10_000);
      const reads = jest.spyOn(b.app.get(TokensRepository), 'findCredentialsByOAuthIssuer');
      const first = `Bearer ${await issuer.accessToken(key, {}, { audience: 'api://first-org' })}`;
      expect(await hookStatus(b, first)).toBe(200);
      expect(await hookStatus(b, first)).toBe(200);
      expect(reads).toHaveBeenCalledTimes(1);

      // Created through the other instance: only the database's announcement of the new row reaches b.
      await create(forAudience('api://second-org'));
      const second = `Bearer ${await issuer.accessToken(key, {}, { audience: 'api://second-org' })}`;
      // Each poll from an address of its own: refusals while b catches up must not trip the wrong-secret throttle.
      let polls = 0;
      const staleForMs = await waitFor(async () => (await hookStatus(b, second, '+447400123456', `10.9.0.${++polls % 250}`)) === 200, STALENESS_BOUND_MS);
      expect(staleForMs).toBeLessThan(STALENESS_BOUND_MS);
    } finally {
      await issuer.close();
    }
  });
});
