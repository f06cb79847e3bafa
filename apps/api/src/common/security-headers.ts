import type { FastifyInstance } from 'fastify';

/**
 * The admin app loads only its own scripts, styles, images and API: nothing inline, nothing from
 * elsewhere, and no page may frame it. The API's JSON answers carry the same headers, which cost
 * nothing and keep a browser from sniffing or framing them.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

// Swagger UI (/docs) styles itself inline; it is still never framed.
const DOCS_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

const COMMON_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

export function installSecurityHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request, reply) => {
    reply.headers(COMMON_HEADERS);
    reply.header('content-security-policy', request.url.startsWith('/docs') ? DOCS_POLICY : CONTENT_SECURITY_POLICY);
  });
}
