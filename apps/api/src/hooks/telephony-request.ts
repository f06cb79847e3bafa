import type { Channel, FieldError } from '@otc/contracts';
import { isObject } from '@otc/contracts';
import { date, text } from '../common/json-fields';
import type { PhoneNumberFacts } from '../common/phone-number';
import { DATE_RANGE_MESSAGE, isStorableDate } from '../common/storable';
import type { HookRequest } from '../tokens/hook-auth.guard';

/** An Okta telephony hook call reduced to what the connector uses; raw PII stays in here. */
export interface TelephonyRequest {
  eventId: string;
  eventTime: Date | null;
  requestType: string | null;
  userId: string | null;
  /** The user's Okta login (usually an e-mail address), so admins can find their attempts. */
  login: string | null;
  phoneNumber: string;
  code: string;
  channel: Channel;
  otpExpires: Date | null;
  locale: string | null;
  /** The end user's address as Okta saw it (data.context.request.ipAddress). */
  ipAddress: string | null;
}

/** A telephony hook call as the guards pass it on: with its number when a guard already parsed it. */
export type TelephonyHookRequest = HookRequest & { parsedPhone?: ParsedPhone };

/** A number as Okta sent it, and what parsing it gave. */
export interface ParsedPhone {
  raw: string;
  phone: PhoneNumberFacts;
}

export type TelephonyParseResult = { ok: true; request: TelephonyRequest } | { ok: false; errors: FieldError[] };

const MAX_FIELD_LENGTH = 200;

// Locales Vonage Verify v2 speaks; anything else falls back to Vonage's default (en-us).
const VONAGE_LOCALES = new Set([
  'ar-xa', 'cs-cz', 'cy-cy', 'cy-gb', 'da-dk', 'de-de', 'el-gr', 'en-au', 'en-gb', 'en-in', 'en-us', 'es-es',
  'es-mx', 'es-us', 'fi-fi', 'fil-ph', 'fr-ca', 'fr-fr', 'hi-in', 'hu-hu', 'id-id', 'is-is', 'it-it', 'ja-jp',
  'ko-kr', 'nb-no', 'nl-nl', 'pl-pl', 'pt-br', 'pt-pt', 'ro-ro', 'ru-ru', 'sv-se', 'th-th', 'tr-tr', 'vi-vn',
  'yue-cn', 'zh-cn', 'zh-tw',
]);

/** `SMS`, `sms` -> SMS; anything naming voice or call (`Voice`, `voice call`, `CALL`) -> VOICE. */
export function parseChannel(value: unknown): Channel | null {
  const raw = text(value)?.toLowerCase();
  if (!raw) return null;
  if (raw === 'sms') return 'SMS';
  if (raw.includes('voice') || raw.includes('call')) return 'VOICE';
  return null;
}

/** `EN-US`, `en_us` -> `en-us`; `en` -> `en-us`; unknown -> null (Vonage default). */
export function toVonageLocale(value: string | null): string | null {
  if (!value) return null;
  const normalised = value.trim().toLowerCase().replace('_', '-');
  if (VONAGE_LOCALES.has(normalised)) return normalised;
  const language = normalised.split('-')[0];
  if (language === 'en') return 'en-us';
  // A bare language prefers its home country (fr -> fr-fr, not fr-ca).
  if (VONAGE_LOCALES.has(`${language}-${language}`)) return `${language}-${language}`;
  return [...VONAGE_LOCALES].find((l) => l.startsWith(`${language}-`)) ?? null;
}

export function parseTelephonyRequest(body: unknown): TelephonyParseResult {
  if (!isObject(body)) return { ok: false, errors: [{ field: 'body', message: 'body must be a JSON object' }] };
  const errors: FieldError[] = [];
  const data = isObject(body.data) ? body.data : {};
  const message = isObject(data.messageProfile) ? data.messageProfile : {};
  const user = isObject(data.userProfile) ? data.userProfile : {};
  const context = isObject(data.context) && isObject(data.context.request) ? data.context.request : {};
  const ipAddress = text(context.ipAddress, 100);

  const eventId = text(body.eventId, 1000);
  if (!eventId || eventId.length > MAX_FIELD_LENGTH) errors.push({ field: 'eventId', message: 'eventId is required (at most 200 characters)' });
  const phoneNumber = text(message.phoneNumber, 1000);
  if (!phoneNumber || phoneNumber.length > 40) errors.push({ field: 'data.messageProfile.phoneNumber', message: 'phoneNumber is required' });
  const code = text(message.otpCode);
  if (!code || !/^[A-Za-z0-9]{4,10}$/.test(code)) {
    errors.push({ field: 'data.messageProfile.otpCode', message: 'otpCode must be 4 to 10 letters or digits' });
  }
  const channel = parseChannel(message.deliveryChannel);
  if (!channel) errors.push({ field: 'data.messageProfile.deliveryChannel', message: 'deliveryChannel must name SMS or voice/call' });
  const otpExpires = date(message.otpExpires);
  if (otpExpires && !isStorableDate(otpExpires)) errors.push({ field: 'data.messageProfile.otpExpires', message: `otpExpires must be ${DATE_RANGE_MESSAGE}` });
  if (errors.length > 0) return { ok: false, errors };

  return {
    ok: true,
    request: {
      eventId: eventId!,
      eventTime: date(body.eventTime),
      requestType: text(body.requestType)?.slice(0, MAX_FIELD_LENGTH) ?? null,
      userId: text(user.userId)?.slice(0, 100) ?? null,
      login: text(user.login)?.slice(0, MAX_FIELD_LENGTH) ?? null,
      phoneNumber: phoneNumber!,
      code: code!,
      channel: channel!,
      otpExpires,
      locale: toVonageLocale(text(message.locale)),
      // 45 characters hold any IPv6 text form; anything longer is not an address.
      ipAddress: ipAddress && ipAddress.length <= 45 ? ipAddress : null,
    },
  };
}
