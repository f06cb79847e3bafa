import { startTestConnector, TestConnector } from './support/test-app';

jest.setTimeout(60_000);

describe('which routes need an admin session', () => {
  let connector: TestConnector;

  beforeAll(async () => {
    connector = await startTestConnector();
  });

  afterAll(async () => {
    await connector?.stop();
  });

  const status = async (method: 'GET' | 'POST', url: string) => (await connector.app.inject({ method, url })).statusCode;
  // The admin guard's own refusal, told apart from a hook refusing a missing token secret.
  const asksForSession = async (method: 'GET' | 'POST', url: string) => {
    const response = await connector.app.inject({ method, url });
    return response.statusCode === 401 && response.body.includes('A valid admin session is required');
  };

  it.each([
    ['GET', '/v1/admin/tokens'],
    ['GET', '/v1/admin/dashboard?from=x'],
    ['GET', '/v1/admin/activity'],
    ['GET', '/v1/admin/activity/export'],
    ['GET', '/v1/admin/auth-events'],
    ['POST', '/v1/admin/logout'],
    ['GET', '/v1/sandbox/messages'],
    ['GET', '/v1/%61dmin/tokens'],
  ] as const)('should require a session for %s %s', async (method, url) => {
    expect(await asksForSession(method, url)).toBe(true);
  });

  it.each([
    ['GET', '/v1/admin'],
    ['GET', '/v1/admin/login'],
    ['GET', '/v1/ADMIN/tokens'],
  ] as const)('should never answer %s %s, a path no route serves, with data', async (method, url) => {
    expect([401, 404]).toContain(await status(method, url));
  });

  it.each([
    ['POST', '/v1/admin/login'],
    ['POST', '/v1/hooks/okta/telephony'],
    ['GET', '/health/ready'],
    ['GET', '/docs'],
    ['GET', '/v1/administrator'],
  ] as const)('should let %s %s through without a session', async (method, url) => {
    expect(await asksForSession(method, url)).toBe(false);
  });
});
