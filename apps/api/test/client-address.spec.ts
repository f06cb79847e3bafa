import type { AuditEntryDto, Page } from '@otc/contracts';
import { DataSource } from 'typeorm';
import { adminCall, adminSignIn } from './support/admin-client';
import { startTestConnector, TestConnector } from './support/test-app';

jest.setTimeout(120_000);

async function wrongSignIn(connector: TestConnector, forwardedFor?: string): Promise<number> {
  const response = await fetch(`${connector.baseUrl}/v1/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
    body: JSON.stringify({ apiKey: 'wrong', apiSecret: 'wrong' }),
  });
  return response.status;
}

async function failedSignInAddresses(connector: TestConnector): Promise<Array<string | null>> {
  const page = (await adminCall(connector, await adminSignIn(connector), 'GET', '/v1/admin/audit?limit=100')).json<Page<AuditEntryDto>>();
  return page.items.filter((e) => e.action === 'auth.sign_in_failed').map((e) => e.clientAddress);
}

describe('client addresses: TRUST_PROXY, the sign-in throttle and the audit trail', () => {
  describe('TRUST_PROXY unset (the default)', () => {
    let connector: TestConnector;
    beforeAll(async () => (connector = await startTestConnector()));
    afterAll(() => connector?.stop());

    it('should ignore X-Forwarded-For: varying it neither escapes the sign-in throttle nor reaches the audit trail', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push(await wrongSignIn(connector, `198.51.100.${i}, 203.0.113.${i}`));

      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses.slice(5)).toEqual(Array(7).fill(429));
      expect(new Set(await failedSignInAddresses(connector))).toEqual(new Set(['127.0.0.1']));
    });
  });

  describe('TRUST_PROXY=1 (one proxy in front that appends the peer, as the bundled nginx does)', () => {
    let connector: TestConnector;
    beforeAll(async () => (connector = await startTestConnector({ env: { TRUST_PROXY: '1' } })));
    afterAll(() => connector?.stop());

    it('should key the throttle on the address the proxy appended, whatever the client wrote before it', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push(await wrongSignIn(connector, `10.66.0.${i}, 192.0.2.44`));

      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
      expect(await wrongSignIn(connector, '192.0.2.45')).toBe(401);
      expect(new Set(await failedSignInAddresses(connector))).toEqual(new Set(['192.0.2.44', '192.0.2.45']));
    });

    it('should record a failed sign-in with no address, never fail to record it, when the forwarded value is not an address or too long', async () => {
      const garbage = `${'9'.repeat(40)}.${'x'.repeat(60)}`;
      expect(await wrongSignIn(connector, garbage)).toBe(401);

      const rows = await connector.app.get(DataSource).query(`SELECT client_address FROM admin_audit WHERE action = 'auth.sign_in_failed' AND client_address IS NULL`);
      expect(rows).toHaveLength(1);
    });
  });

  describe('no audit, no action', () => {
    let connector: TestConnector;
    beforeAll(async () => (connector = await startTestConnector()));
    afterAll(() => connector?.stop());

    it('should create no token when its audit entry cannot be written', async () => {
      const jwt = await adminSignIn(connector);
      const database = connector.app.get(DataSource);
      // The audit write fails (as an overlong column value did) while the token insert itself would succeed.
      await database.query(`ALTER TABLE admin_audit ADD CONSTRAINT ck_test_refuse_token_audit CHECK (action <> 'token.created')`);
      try {
        const answer = await adminCall(connector, jwt, 'POST', '/v1/admin/tokens', { name: 'unaudited' });
        expect(answer.statusCode).toBeGreaterThanOrEqual(500);
        expect(answer.body).not.toContain('tokenSecret');
        expect(await database.query(`SELECT id FROM token WHERE name = 'unaudited'`)).toEqual([]);
      } finally {
        await database.query('ALTER TABLE admin_audit DROP CONSTRAINT ck_test_refuse_token_audit');
      }
      expect((await adminCall(connector, jwt, 'POST', '/v1/admin/tokens', { name: 'audited' })).statusCode).toBe(201);
    });
  });
});
