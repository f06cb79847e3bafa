import { randomBytes, randomInt } from 'crypto';
import { CliArgs, stringFlag } from './cli-args';
import type { Print } from './token-commands';

/** Builds a telephony request shaped like the one Okta's Preview tool sends. */
export function previewRequest(phone: string, channel: 'sms' | 'voice', code: string, now = new Date()) {
  return {
    eventId: randomBytes(16).toString('base64url'),
    eventTime: now.toISOString(),
    eventType: 'com.okta.telephony.provider',
    eventTypeVersion: '1.0',
    contentType: 'application/json',
    cloudEventVersion: '0.1',
    source: 'https://preview.okta.local/api/v1/inlineHooks/preview',
    requestType: 'com.okta.user.telephony.mfa-verification',
    data: {
      context: { request: { id: `req${randomBytes(8).toString('hex')}`, method: 'POST', url: { value: '/api/internal/v1/inlineHooks/com.okta.telephony.provider/generatePreview' }, ipAddress: '127.0.0.1' } },
      userProfile: { firstName: 'Preview', lastName: 'User', login: 'preview.user@example.com', userId: '00upreview000000000' },
      messageProfile: {
        msgTemplate: `(HOOK)Your code is ${code}`,
        phoneNumber: phone,
        otpExpires: new Date(now.getTime() + 5 * 60_000).toISOString(),
        deliveryChannel: channel === 'sms' ? 'SMS' : 'Voice',
        otpCode: code,
        locale: 'EN-US',
      },
    },
  };
}

/** `okta preview --phone +4477... [--channel sms|voice] [--token-secret S] [--url U]` */
export async function runOktaPreview(args: CliArgs, defaultUrl: string, print: Print): Promise<number> {
  const phone = stringFlag(args, 'phone');
  if (!phone) throw new Error('usage: okta preview --phone +447700900123 [--channel sms|voice] [--token-secret S] [--url http://localhost:3000]');
  const channel = (stringFlag(args, 'channel') ?? 'sms').toLowerCase();
  if (channel !== 'sms' && channel !== 'voice') throw new Error('--channel must be sms or voice');
  const secret = stringFlag(args, 'token-secret') ?? process.env.OKTA_TOKEN_SECRET;
  if (!secret) throw new Error('--token-secret (or OKTA_TOKEN_SECRET) is required: create a token first');
  const base = (stringFlag(args, 'url') ?? defaultUrl).replace(/\/+$/, '');
  const code = String(randomInt(100000, 1000000));
  const response = await fetch(`${base}/v1/hooks/okta/telephony`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: secret },
    body: JSON.stringify(previewRequest(phone, channel, code)),
    signal: AbortSignal.timeout(5000),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: print as it came
  }
  print(JSON.stringify({ status: response.status, body }, null, 2));
  return response.ok ? 0 : 1;
}
