import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HOOK_PATH_PREFIX, MalformedBody } from './malformed-body';

/** Deeper than any payload Okta, Vonage or the admin app sends; deep enough bodies otherwise overflow recursive code downstream. */
export const MAX_JSON_DEPTH = 32;

// Text PostgreSQL refuses to store in text or jsonb: NUL, and half of a UTF-16 surrogate pair.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function unstorableText(text: string): string | null {
  if (text.includes('\u0000')) return 'body contains a NUL character (\\u0000)';
  if (LONE_SURROGATE.test(text)) return 'body contains an unpaired UTF-16 surrogate (\\ud800-\\udfff)';
  return null;
}

/** Why a parsed body cannot be used (too deep, or text PostgreSQL cannot store), or null. */
export function unusableJson(value: unknown): string | null {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node === 'string') {
      const problem = unstorableText(node);
      if (problem) return problem;
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    if (depth > MAX_JSON_DEPTH) return `body is nested more than ${MAX_JSON_DEPTH} levels deep`;
    for (const [key, child] of Object.entries(node)) {
      const problem = unstorableText(key);
      if (problem) return problem;
      stack.push([child, depth + 1]);
    }
  }
  return null;
}

/**
 * Reads JSON only. Unusable hook bodies (malformed, too deep, NUL bytes, another content type) become a
 * `MalformedBody` so the hook authenticates first and then answers 400; elsewhere they are a 400 or 415.
 */
export function installJsonParser(fastify: FastifyInstance): void {
  const refuse = (request: FastifyRequest, statusCode: number, reason: string, done: (error: Error | null, body?: unknown) => void) => {
    if (request.url.startsWith(HOOK_PATH_PREFIX)) return done(null, new MalformedBody(reason));
    done(Object.assign(new Error(reason.charAt(0).toUpperCase() + reason.slice(1)), { statusCode }), undefined);
  };
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      // V8's message quotes part of the body (a phone number, an OTP): keep only the position.
      const position = /position (\d+)/.exec((error as Error).message)?.[1];
      return refuse(request, 400, `body is not valid JSON${position ? ` (at position ${position})` : ''}`, done);
    }
    const problem = unusableJson(value);
    if (problem) return refuse(request, 400, problem, done);
    done(null, value);
  });
  fastify.addContentTypeParser('*', { parseAs: 'string' }, (request, _body, done) => {
    const type = String(request.headers['content-type'] ?? 'none').slice(0, 100);
    refuse(request, 415, `content-type ${type} is not supported; send application/json`, done);
  });
}
