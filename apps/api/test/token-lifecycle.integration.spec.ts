import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { TokenCreatedDto, TokenDto } from '@otc/contracts';
import { LastUsedRecorder } from '../src/tokens/last-used-recorder';
import { adminCall, adminSignIn, hookStatus } from './support/admin-client';
import { FakeClock } from './support/fake-clock';
import { startTestConnector, TestConnector } from './support/test-app';
import { createStandaloneTestDatabase, TestDatabase } from './support/test-database';

jest.setTimeout(90_000);

const HOUR_MS = 3600 * 1000;
const NO_RATE_LIMIT = { rateLimit: { enabled: false, maxPerWindow: 5 } };

/**
 * Two connector instances on one PostgreSQL database (the server in DATABASE_URL, or one embedded
 * PostgreSQL served to both), sharing a data directory and so the same admin credentials.
 */
describe('token rotation and revocation on a shared database, across two instances', () => {
  const clock = new FakeClock(new Date('2026-04-01T08:00:00Z'));
  const dataDir = mkdtempSync(join(tmpdir(), 'otc-two-instances-'));
  let database: TestDatabase;
  let a: TestConnector;
  let b: TestConnector;
  let jwtA: string;
  let jwtB: string;

  beforeAll(async () => {
    database = await createStandaloneTestDatabase();
    a = await startTestConnector({ clock, database, dataDir });
    b = await startTestConnector({ clock, database, dataDir });
    jwtA = await adminSignIn(a);
    jwtB = await adminSignIn(b);
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function create(policy: object = {}): Promise<TokenCreatedDto> {
    const response = await adminCall(a, jwtA, 'POST', '/v1/admin/tokens', { name: 'shared', policy: { ...NO_RATE_LIMIT, ...policy } });
    expect(response.statusCode).toBe(201);
    return response.json<TokenCreatedDto>();
  }

  it('should reject a token revoked through one instance on its next call, and on the other once the change notification arrives', async () => {
    const created = await create();
    expect(await hookStatus(a, created.tokenSecret)).toBe(200);
    expect(await hookStatus(b, created.tokenSecret)).toBe(200);

    expect((await adminCall(b, jwtB, 'POST', `/v1/admin/tokens/${created.id}/revoke`)).statusCode).toBe(200);

    expect(await hookStatus(b, created.tokenSecret)).toBe(401);
    // Bounded staleness (token-cache.integration.spec.ts): a notification's trip, well under a second.
    const deadline = Date.now() + 1_000;
    while ((await hookStatus(a, created.tokenSecret)) !== 401) expect(Date.now()).toBeLessThan(deadline);
    expect((await adminCall(a, jwtA, 'GET', `/v1/admin/tokens/${created.id}`)).json<TokenDto>().status).toBe('REVOKED');
  });

  it('should refuse a second revoke with 409', async () => {
    const created = await create();
    await adminCall(a, jwtA, 'POST', `/v1/admin/tokens/${created.id}/revoke`);
    const again = await adminCall(b, jwtB, 'POST', `/v1/admin/tokens/${created.id}/revoke`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('TOKEN_ALREADY_REVOKED');
  });

  it('should let exactly one of two concurrent rotations through, from different instances', async () => {
    const created = await create();
    const results = await Promise.all([
      adminCall(a, jwtA, 'POST', `/v1/admin/tokens/${created.id}/rotate`),
      adminCall(b, jwtB, 'POST', `/v1/admin/tokens/${created.id}/rotate`),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });

  it('should keep the same policy on rotation and answer 409 to rotating a token in grace, revoked or expired', async () => {
    const created = await create({ onFlag: 'BLOCK', countryAllowlist: ['GB'] });
    const rotated = (await adminCall(a, jwtA, 'POST', `/v1/admin/tokens/${created.id}/rotate`)).json<TokenCreatedDto>();
    expect(rotated.token.policy).toEqual(created.token.policy);
    expect(rotated.token.rotatedFromId).toBe(created.id);
    expect(rotated.tokenSecret).not.toBe(created.tokenSecret);

    const inGrace = await adminCall(b, jwtB, 'POST', `/v1/admin/tokens/${created.id}/rotate`);
    expect(inGrace.statusCode).toBe(409);
    expect(inGrace.json().message).toMatch(/grace period/);

    await adminCall(b, jwtB, 'POST', `/v1/admin/tokens/${rotated.id}/revoke`);
    expect((await adminCall(a, jwtA, 'POST', `/v1/admin/tokens/${rotated.id}/rotate`)).json().message).toMatch(/revoked/);

    const shortLived = await create({ expiresIn: '24h' });
    clock.advance(24 * HOUR_MS);
    try {
      expect(await hookStatus(b, shortLived.tokenSecret)).toBe(401);
      const expired = await adminCall(b, await adminSignIn(b), 'POST', `/v1/admin/tokens/${shortLived.id}/rotate`);
      expect(expired.statusCode).toBe(409);
      expect(expired.json().message).toMatch(/expired/);
    } finally {
      clock.advance(-24 * HOUR_MS);
    }
  });

  it('should revoke a token in its grace period at once, on the other instance once the change notification arrives, while its successor keeps working', async () => {
    const created = await create();
    const rotated = (await adminCall(a, jwtA, 'POST', `/v1/admin/tokens/${created.id}/rotate`)).json<TokenCreatedDto>();
    expect(await hookStatus(b, created.tokenSecret)).toBe(200);
    await adminCall(a, jwtA, 'POST', `/v1/admin/tokens/${created.id}/revoke`);
    expect(await hookStatus(a, created.tokenSecret)).toBe(401);
    // Both instances run in this process: the revoke's answer can come back before b's connection has
    // read the notification the database already sent it, which a real network hop would not allow.
    const deadline = Date.now() + 1_000;
    while ((await hookStatus(b, created.tokenSecret)) !== 401) expect(Date.now()).toBeLessThan(deadline);
    expect(await hookStatus(b, rotated.tokenSecret)).toBe(200);
  });

  it('should record lastUsedAt in a later batch, not during the hook call, with the time of the call rather than of the batch', async () => {
    const created = await create();
    const usedAt = clock.now().toISOString();
    expect(await hookStatus(a, created.tokenSecret)).toBe(200);
    expect((await adminCall(b, jwtB, 'GET', `/v1/admin/tokens/${created.id}`)).json<TokenDto>().lastUsedAt).toBeNull();
    clock.advance(10_000);
    try {
      await a.app.get(LastUsedRecorder, { strict: false }).flush();
    } finally {
      clock.advance(-10_000);
    }
    expect((await adminCall(b, jwtB, 'GET', `/v1/admin/tokens/${created.id}`)).json<TokenDto>().lastUsedAt).toBe(usedAt);
  });

  it('should end an admin session on every instance when it logs out on one', async () => {
    const jwt = await adminSignIn(a);
    expect((await adminCall(b, jwt, 'GET', '/v1/admin/tokens')).statusCode).toBe(200);
    expect((await adminCall(a, jwt, 'POST', '/v1/admin/logout')).statusCode).toBe(204);
    expect((await adminCall(b, jwt, 'GET', '/v1/admin/tokens')).statusCode).toBe(401);
  });
});
