import { createHmac } from 'crypto';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import metadata from 'libphonenumber-js/metadata.max.json';

export interface PhoneNumberFacts {
  valid: boolean;
  /** E.164 with the leading +, or null when the input is not a valid number. */
  e164: string | null;
  /** E.164 without the + (the form Vonage wants). */
  digits: string | null;
  /** ISO 3166-1 alpha-2 from the full metadata: +1 resolves to CA, US, JM, ... */
  country: string | null;
  /** libphonenumber's type, e.g. MOBILE, FIXED_LINE, FIXED_LINE_OR_MOBILE, VOIP. */
  numberType: string | null;
  /** Country calling code without the +, e.g. 44; 882 for a number of no country. */
  callingCode: string | null;
}

const INVALID: PhoneNumberFacts = { valid: false, e164: null, digits: null, country: null, numberType: null, callingCode: null };
const MASK = '•••••••';

/**
 * Okta sends E.164, but its Preview tool sends bare digits: every form without a + is read as
 * international (country code first), never as a national number of some default country.
 */
export function toInternationalForm(raw: string): string | null {
  const compact = raw.trim().replace(/[\s\-().]/g, '');
  const digits = compact.replace(/^\+/, '').replace(/^00/, '');
  if (!/^\d+$/.test(digits)) return null;
  return `+${digits}`;
}

export function parsePhoneNumber(raw: string): PhoneNumberFacts {
  const international = typeof raw === 'string' ? toInternationalForm(raw) : null;
  if (!international) return INVALID;
  const parsed = parsePhoneNumberFromString(international);
  if (!parsed || !parsed.isValid()) return INVALID;
  return {
    valid: true,
    e164: parsed.number,
    digits: parsed.number.slice(1),
    country: parsed.country ?? null,
    numberType: parsed.getType() ?? null,
    callingCode: parsed.countryCallingCode,
  };
}

/** Keeps the country calling code and the last 2 digits; the length is hidden too. */
export function maskPhoneNumber(e164OrRaw: string): string {
  const international = toInternationalForm(String(e164OrRaw ?? ''));
  const digits = international?.slice(1) ?? String(e164OrRaw ?? '').replace(/\D/g, '');
  const callingCode = international ? parsePhoneNumberFromString(international)?.countryCallingCode : undefined;
  return masked(digits, callingCode);
}

/** The same mask as `maskPhoneNumber(phone.e164 ?? raw)`, without parsing a number already parsed into `phone`. */
export function maskParsedNumber(phone: PhoneNumberFacts, raw: string): string {
  return phone.digits && phone.callingCode ? masked(phone.digits, phone.callingCode) : maskPhoneNumber(raw);
}

function masked(digits: string, callingCode: string | undefined): string {
  const rest = callingCode ? digits.slice(callingCode.length) : digits;
  // Too short to show a tail without giving most of the number away.
  const tail = rest.length >= 6 ? rest.slice(-2) : '';
  return `${callingCode ? `+${callingCode}` : ''}${MASK}${tail}`;
}

/** Rate-limit key: a keyed hash so raw numbers never reach the counter store. */
export function hashPhoneNumber(digits: string, pepper: string | Buffer): string {
  return createHmac('sha256', pepper).update(digits).digest('hex');
}

/**
 * The keyed hash an attempt's number is stored under, and found by when an admin searches for it:
 * the normalised digits of a valid number, the input as given otherwise. Never the number itself.
 */
export function destinationHash(phone: PhoneNumberFacts, raw: string, pepper: string | Buffer): string {
  return hashPhoneNumber(phone.digits ?? raw, pepper);
}

/**
 * The country the leading digits of a number point to (a block such as 9989012340, a prefix, or
 * only a calling code): the numbering plan's answer for the range when it has one, else the main
 * country of the calling code (+1: US); null when the digits start no calling code.
 */
export function countryOfLeadingDigits(leading: string): string | null {
  if (!/^\d{1,15}$/.test(leading)) return null;
  for (const length of [11, 12, 10, 13]) {
    if (leading.length > length) continue;
    const country = parsePhoneNumberFromString(`+${leading.padEnd(length, '0')}`)?.country;
    if (country) return country;
  }
  const codes = (metadata as { country_calling_codes: Record<string, string[]> }).country_calling_codes;
  for (const length of [1, 2, 3]) {
    const main = codes[leading.slice(0, length)]?.[0];
    if (main && main !== '001') return main;
  }
  return null;
}
