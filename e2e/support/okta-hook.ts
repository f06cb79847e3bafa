import { readFileSync } from 'fs';
import { join } from 'path';

// Okta's recorded requests, kept with the API's fixtures; read as data, not imported.
const FIXTURES = join(__dirname, '../../apps/api/test/fixtures/okta');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

/** The telephony request Okta's Preview tool sends, recorded verbatim. */
export function previewRequest(): Json {
  return JSON.parse(readFileSync(join(FIXTURES, 'telephony-request-pre-enrollment.okta-legacy-reference.json'), 'utf8'));
}

/** The recorded request with the fields a test cares about changed; each call gets a fresh eventId. */
export function telephonyRequest(changes: { phoneNumber?: unknown; otpCode?: unknown; deliveryChannel?: string; eventId?: string } = {}): Json {
  const body = previewRequest();
  body.eventId = changes.eventId ?? `evt-${Math.random().toString(36).slice(2)}`;
  const profile = body.data.messageProfile;
  if (changes.phoneNumber !== undefined) profile.phoneNumber = changes.phoneNumber;
  if (changes.otpCode !== undefined) profile.otpCode = changes.otpCode;
  if (changes.deliveryChannel !== undefined) profile.deliveryChannel = changes.deliveryChannel;
  return body;
}

export interface HookAnswer {
  status: number;
  body: Json;
  headers: Headers;
  elapsedMs: number;
}

/** Posts to the telephony hook as Okta does; `raw` sends a body as-is (e.g. malformed JSON). */
export async function postTelephonyHook(baseUrl: string, authorization: string | null, request: unknown, raw?: string): Promise<HookAnswer> {
  const started = Date.now();
  const response = await fetch(`${baseUrl}/v1/hooks/okta/telephony`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: raw ?? JSON.stringify(request),
  });
  const body = (await response.json()) as Json;
  return { status: response.status, body, headers: response.headers, elapsedMs: Date.now() - started };
}
