import { startTestConnector, TestConnector } from './support/test-app';

jest.setTimeout(120_000);

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

describe('/metrics access and security headers', () => {
  describe('METRICS_TOKEN unset', () => {
    let connector: TestConnector;
    beforeAll(async () => (connector = await startTestConnector()));
    afterAll(() => connector?.stop());

    it('should serve metrics to a scraper on this host, and refuse a request a proxy forwarded', async () => {
      const local = await fetch(`${connector.baseUrl}/metrics`);
      expect(local.status).toBe(200);
      expect(await local.text()).toContain('otc_');

      for (const header of [{ 'x-forwarded-for': '203.0.113.5' }, { forwarded: 'for=203.0.113.5' }] as Array<Record<string, string>>) {
        const proxied = await fetch(`${connector.baseUrl}/metrics`, { headers: header });
        expect(proxied.status).toBe(403);
        expect(await proxied.text()).not.toContain('otc_');
      }
    });

    it('should send the security headers on the admin app, API answers, errors and docs', async () => {
      for (const path of ['/', '/tokens', '/health/live', '/v1/admin/tokens', '/no-such-route', '/docs']) {
        const response = await fetch(`${connector.baseUrl}${path}`);
        expect({ path, csp: response.headers.get('content-security-policy') }).toEqual({ path, csp: expect.stringContaining("frame-ancestors 'none'") });
        expect(response.headers.get('x-frame-options')).toBe('DENY');
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      }
      const app = await fetch(`${connector.baseUrl}/`);
      expect(app.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(app.headers.get('content-security-policy')).not.toContain('unsafe');
    });
  });

  describe('METRICS_TOKEN set', () => {
    let connector: TestConnector;
    beforeAll(async () => (connector = await startTestConnector({ env: { METRICS_TOKEN } })));
    afterAll(() => connector?.stop());

    it('should require the bearer token, even from this host', async () => {
      const none = await fetch(`${connector.baseUrl}/metrics`);
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect((await fetch(`${connector.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}x` } })).status).toBe(401);
      expect((await fetch(`${connector.baseUrl}/metrics`, { headers: { authorization: METRICS_TOKEN } })).status).toBe(401);

      const right = await fetch(`${connector.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}`, 'x-forwarded-for': '203.0.113.5' } });
      expect(right.status).toBe(200);
      expect(await right.text()).toContain('otc_');
    });
  });
});
