import { requiresAdminSession } from './admin-routes';

describe('requiresAdminSession', () => {
  it.each([
    ['GET', '/v1/admin/tokens', '/v1/admin/tokens'],
    ['GET', '/v1/admin/dashboard', '/v1/admin/dashboard?from=x'],
    ['POST', '/v1/admin/logout', '/v1/admin/logout'],
    ['GET', '/v1/admin/login', '/v1/admin/login'],
    ['GET', '/v1/sandbox/messages', '/v1/sandbox/messages'],
    ['GET', undefined, '/v1/admin'],
    ['GET', '/v1/admin/tokens', '/v1/%61dmin/tokens'],
    ['GET', '/v1/:section/tokens', '/v1/ADMIN/tokens'],
  ])('should require a session for %s %s (%s)', (method, pattern, url) => {
    expect(requiresAdminSession(method, pattern, url)).toBe(true);
  });

  it.each([
    ['POST', '/v1/admin/login', '/v1/admin/login'],
    ['POST', '/v1/hooks/okta/telephony', '/v1/hooks/okta/telephony'],
    ['GET', '/health/ready', '/health/ready'],
    ['GET', '/docs', '/docs'],
    ['GET', '/v1/administrator', '/v1/administrator'],
  ])('should let %s %s through without a session', (method, pattern, url) => {
    expect(requiresAdminSession(method, pattern, url)).toBe(false);
  });
});
