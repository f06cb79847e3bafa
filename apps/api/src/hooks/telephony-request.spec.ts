import { readFileSync } from 'fs';
import { join } from 'path';
import { parseChannel, parseTelephonyRequest, toVonageLocale } from './telephony-request';

const FIXTURES = join(__dirname, '../../test/fixtures/okta');

function recordedPreviewRequest(): Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return JSON.parse(readFileSync(join(FIXTURES, 'telephony-request-pre-enrollment.okta-legacy-reference.json'), 'utf8'));
}

describe('parseTelephonyRequest', () => {
  it("should read the Preview tool's recorded request as it came", () => {
    const result = parseTelephonyRequest(recordedPreviewRequest());

    expect(result).toEqual({
      ok: true,
      request: {
        eventId: 'uS5871kJThSsU8qlA1LTcg',
        eventTime: new Date('2022-01-28T21:43:40.000Z'),
        requestType: 'com.okta.user.telephony.pre-enrollment',
        userId: '00uyxxSknGtK8022w0g3',
        login: 'test.user@okta.com',
        phoneNumber: '9876543210',
        code: '11111',
        channel: 'SMS',
        otpExpires: new Date('2022-01-28T21:48:34.321Z'),
        locale: 'en-us',
        ipAddress: '127.0.0.1',
      },
    });
  });

  it('should keep no client address that is missing or longer than any address can be', () => {
    const body = recordedPreviewRequest();
    body.data.context.request.ipAddress = 'x'.repeat(46);
    expect(parseTelephonyRequest(body)).toMatchObject({ ok: true, request: { ipAddress: null } });
    delete body.data.context;
    expect(parseTelephonyRequest(body)).toMatchObject({ ok: true, request: { ipAddress: null } });
  });

  it("should coerce the management spec's bare numbers (phoneNumber 9876543210, otpCode 11111) to strings", () => {
    const body = recordedPreviewRequest();
    body.data.messageProfile.phoneNumber = 9876543210;
    body.data.messageProfile.otpCode = 11111;

    const result = parseTelephonyRequest(body);

    expect(result.ok && result.request).toMatchObject({ phoneNumber: '9876543210', code: '11111' });
  });

  it('should keep a requestType it does not know, as it came', () => {
    const body = { ...recordedPreviewRequest(), requestType: 'com.okta.user.telephony.something-new' };
    expect(parseTelephonyRequest(body)).toMatchObject({ ok: true, request: { requestType: 'com.okta.user.telephony.something-new' } });
  });

  it.each([
    ['otpCode', 'data.messageProfile.otpCode'],
    ['phoneNumber', 'data.messageProfile.phoneNumber'],
    ['deliveryChannel', 'data.messageProfile.deliveryChannel'],
  ])('should name the field when %s is missing', (name, field) => {
    const body = recordedPreviewRequest();
    delete body.data.messageProfile[name];
    const result = parseTelephonyRequest(body);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => e.field)).toEqual([field]);
  });

  it.each([['12'], ['1234567890a'], ['12 34'], ['']])('should refuse the code %p that Verify would not accept', (otpCode) => {
    const body = recordedPreviewRequest();
    body.data.messageProfile.otpCode = otpCode;
    expect(parseTelephonyRequest(body).ok).toBe(false);
  });

  it('should name eventId when it is missing or longer than 200 characters', () => {
    for (const eventId of [undefined, 'x'.repeat(201)]) {
      const result = parseTelephonyRequest({ ...recordedPreviewRequest(), eventId });
      expect(!result.ok && result.errors[0].field).toBe('eventId');
    }
  });

  it.each([null, [], 'text', 42])('should refuse a body that is not an object: %p', (body) => {
    expect(parseTelephonyRequest(body)).toEqual({ ok: false, errors: [{ field: 'body', message: 'body must be a JSON object' }] });
  });
});

describe('parseChannel', () => {
  it.each([
    ['SMS', 'SMS'],
    ['sms', 'SMS'],
    ['Voice', 'VOICE'],
    ['voice call', 'VOICE'],
    ['CALL', 'VOICE'],
    ['email', null],
    [undefined, null],
  ])('should read %p as %p', (value, channel) => {
    expect(parseChannel(value)).toBe(channel);
  });
});

describe('toVonageLocale', () => {
  it.each([
    ['EN-US', 'en-us'],
    ['en', 'en-us'],
    ['en_GB', 'en-gb'],
    ['fr', 'fr-fr'],
    ['xx-YY', null],
    [null, null],
  ])('should map Okta locale %p to %p', (locale, expected) => {
    expect(toVonageLocale(locale)).toBe(expected);
  });
});
