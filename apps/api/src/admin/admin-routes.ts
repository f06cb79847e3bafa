export const LOGIN_PATH = '/v1/admin/login';

const PROTECTED_PREFIX = /^\/v1\/(admin|sandbox)(\/|$)/i;

function decodedPath(rawUrl: string): string {
  const path = rawUrl.split('?')[0];
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * Whether a request needs an admin session. Judged on the matched route pattern and on the decoded
 * raw path, so an encoded or oddly-cased URL that still reaches an admin route is never let through.
 */
export function requiresAdminSession(method: string, routePattern: string | undefined, rawUrl: string): boolean {
  if (method === 'POST' && routePattern === LOGIN_PATH) return false;
  return PROTECTED_PREFIX.test(routePattern ?? '') || PROTECTED_PREFIX.test(decodedPath(rawUrl));
}
