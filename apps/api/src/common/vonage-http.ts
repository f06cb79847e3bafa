import { Agent, request } from 'undici';

/**
 * One keep-alive connection pool for the frequent calls to Vonage (Verify start and check, Insights
 * lookup). The SDK's HTTP path costs about four times a plain POST per call (a debug dump of every
 * answer built with debug off, header objects copied per call, an abort error with a stack per call),
 * so these calls are plain POSTs; the SDK still signs the JWT and makes the rare calls (cancel).
 */
const agent = new Agent({ keepAliveTimeout: 30_000, connections: 128 });
// undici's header and body timers tick about every half second and may fire that much before their
// delay: without this margin a 700 ms Insights call could be cut at 600 ms, before its own budget.
const COARSE_TIMER_MARGIN_MS = 1_000;

export interface JsonAnswer {
  status: number;
  /** The parsed JSON answer; null when there was none or it was not JSON. */
  body: unknown;
}

/**
 * POSTs JSON with a bearer token; network failures reject. `ceilingMs` (plus the timers' margin)
 * bounds the wait for the answer's headers and body, which frees the socket; undici's timers are
 * coarse, so callers hold each call to its own budget with `withDeadline`.
 */
export async function postJson(url: string, authorization: string, payload: object, ceilingMs: number): Promise<JsonAnswer> {
  const response = await request(url, {
    method: 'POST',
    dispatcher: agent,
    headers: { authorization, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(payload),
    headersTimeout: ceilingMs + COARSE_TIMER_MARGIN_MS,
    bodyTimeout: ceilingMs + COARSE_TIMER_MARGIN_MS,
  });
  const text = await response.body.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return { status: response.statusCode, body };
}
