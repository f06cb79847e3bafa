import { readFileSync } from 'fs';
import { join } from 'path';

const FIXTURES = join(__dirname, '../../apps/api/test/fixtures/okta');

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The telephony request Okta's Preview tool sends, recorded verbatim. */
export function previewRequest(): Json {
  return JSON.parse(readFileSync(join(FIXTURES, 'telephony-request-pre-enrollment.okta-legacy-reference.json'), 'utf8'));
}

/** A recorded request with the fields a test cares about changed; each call gets a fresh eventId. */
export function telephonyRequest(changes: { phoneNumber?: unknown; otpCode?: unknown; deliveryChannel?: string; eventId?: string } = {}): Json {
  const body = previewRequest();
  body.eventId = changes.eventId ?? `evt-${Math.random().toString(36).slice(2)}`;
  const profile = body.data.messageProfile;
  if (changes.phoneNumber !== undefined) profile.phoneNumber = changes.phoneNumber;
  if (changes.otpCode !== undefined) profile.otpCode = changes.otpCode;
  if (changes.deliveryChannel !== undefined) profile.deliveryChannel = changes.deliveryChannel;
  return body;
}
