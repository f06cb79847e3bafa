import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HOOK_PATH_PREFIX, MalformedBody } from './malformed-body';
import { findUnstorableText } from './storable';

/** A hook request with the exact text of its body: Vonage signs the bytes it sends (`payload_hash`). */
export type RawBodyRequest = FastifyRequest & { rawBody?: string };

/** Deeper than any payload Okta, Vonage or the admin app sends; deep enough bodies otherwise overflow recursive code downstream. */
export const MAX_JSON_DEPTH = 32;

/** Why a parsed body cannot be used (too deep, or text PostgreSQL cannot store), or null. */
export function unusableJson(value: unknown): string | null {
  if (tooDeep(value)) return `body is nested more than ${MAX_JSON_DEPTH} levels deep`;
  const problem = findUnstorableText(value);
  return problem ? `body ${problem}` : null;
}

function tooDeep(value: unknown): boolean {
  return nestsDeeper(value, MAX_JSON_DEPTH);
}

/**
 * Whether arrays and objects nest more than `levels` deep. Recursion stops at `levels`, so it stays
 * shallow whatever the body; nothing is allocated per node (a delivery of 100 Okta events has ~10,000).
 */
function nestsDeeper(node: unknown, levels: number): boolean {
  if (typeof node !== 'object' || node === null) return false;
  if (levels === 0) return true;
  if (Array.isArray(node)) {
    for (const child of node) if (nestsDeeper(child, levels - 1)) return true;
    return false;
  }
  for (const key in node) if (nestsDeeper((node as Record<string, unknown>)[key], levels - 1)) return true;
  return false;
}

// The text is the one the parser reads anyway, so keeping it costs nothing (a stream copying the bytes did).
function keepHookText(request: FastifyRequest, text: string): void {
  if (request.url.startsWith(HOOK_PATH_PREFIX)) (request as RawBodyRequest).rawBody = text;
}

/**
 * Whether JSON text can hold, once parsed, text PostgreSQL cannot store. JSON refuses raw control
 * characters and the text was decoded from UTF-8 (which has no lone surrogates), so a NUL or a lone
 * surrogate can only come from a \u0000 or \uD800-\uDFFF escape: without one the parsed value needs
 * no walk. (An escaped backslash before "u0000" only costs the walk.)
 */
export function mayHoldUnstorableText(text: string): boolean {
  return /\\u(0000|[dD][89a-fA-F])/.test(text);
}

/**
 * A hook request whose body the parser found usable (parsed, not too deep, every text storable): its
 * exact text, so a hook that keeps the body as received stores it without checking or serialising it again.
 */
export type CheckedJsonRequest = FastifyRequest & { checkedJsonText?: string };

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
    keepHookText(request, text);
    if (text.trim() === '') return done(null, undefined);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      // V8's message quotes part of the body (a phone number, an OTP): keep only the position.
      const position = /position (\d+)/.exec((error as Error).message)?.[1];
      return refuse(request, 400, `body is not valid JSON${position ? ` (at position ${position})` : ''}`, done);
    }
    if (tooDeep(value)) return refuse(request, 400, `body is nested more than ${MAX_JSON_DEPTH} levels deep`, done);
    const unstorable = mayHoldUnstorableText(text) ? findUnstorableText(value) : null;
    if (!unstorable) {
      if (request.url.startsWith(HOOK_PATH_PREFIX)) (request as CheckedJsonRequest).checkedJsonText = text;
      return done(null, value);
    }
    // A hook controller may still use a body whose only fault is text it cannot store (the event hook skips those events).
    if (request.url.startsWith(HOOK_PATH_PREFIX)) return done(null, new MalformedBody(`body ${unstorable}`, value));
    refuse(request, 400, `body ${unstorable}`, done);
  });
  fastify.addContentTypeParser('*', { parseAs: 'string' }, (request, body, done) => {
    keepHookText(request, String(body));
    const type = String(request.headers['content-type'] ?? 'none').slice(0, 100);
    refuse(request, 415, `content-type ${type} is not supported; send application/json`, done);
  });
}
