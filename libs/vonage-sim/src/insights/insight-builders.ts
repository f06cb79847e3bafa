import { parsePhoneNumberFromString, type PhoneNumber } from 'libphonenumber-js/max';
import { factsFor, US_AREA_LOCATIONS } from './country.table';

export interface InsightStatus {
  code: string;
  message: string;
}

export const STATUS_OK: InsightStatus = { code: 'OK', message: 'Success' };
export const STATUS_NOT_FOUND: InsightStatus = { code: 'NOT_FOUND', message: 'Not Found' };
export const STATUS_INVALID_FORMAT: InsightStatus = { code: 'INVALID_NUMBER_FORMAT', message: 'Invalid number format' };
export const STATUS_INVALID_PURPOSE: InsightStatus = { code: 'INVALID_PURPOSE', message: 'Invalid purpose' };

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
// Looked up on every format answer; there are fewer than 300 regions.
const regionNameCache = new Map<string, string>();

function regionName(country: string): string {
  let name = regionNameCache.get(country);
  if (name === undefined) {
    name = regionNames.of(country) ?? country;
    regionNameCache.set(country, name);
  }
  return name;
}

export function parsePhone(phone: string): PhoneNumber | undefined {
  return parsePhoneNumberFromString(`+${phone.replace(/\D/g, '')}`);
}

// A number outside any assigned range still gets its calling code's main country, as Vonage's
// fixture does for +1 404 000 0000.
export const countryOf = (parsed: PhoneNumber | undefined): string | undefined => parsed?.country ?? parsed?.getPossibleCountries()[0];

function offlineLocation(country: string, parsed: PhoneNumber): string {
  if (country === 'US') return US_AREA_LOCATIONS[parsed.nationalNumber.slice(0, 3)] ?? regionName(country);
  return regionName(country);
}

/** Vonage judges the format leniently (its fixture marks +14040000000 valid), so "possible" is the test. */
export function buildFormat(phone: string, forceInvalid: boolean): object {
  const parsed = parsePhone(phone);
  const country = countryOf(parsed);
  if (!parsed || !country || forceInvalid || !parsed.isPossible()) {
    return {
      ...(country ? { country_code: country } : {}),
      number_international: `+${phone.replace(/\D/g, '')}`,
      is_format_valid: false,
      status: STATUS_INVALID_FORMAT,
    };
  }
  return {
    country_code: country,
    country_name: regionName(country),
    country_prefix: parsed.countryCallingCode,
    offline_location: offlineLocation(country, parsed),
    time_zones: factsFor(country).timeZones,
    number_international: parsed.number,
    number_national: parsed.formatNational(),
    is_format_valid: true,
    status: STATUS_OK,
  };
}

export function buildCarrier(phone: string, networkType: string): object {
  const country = countryOf(parsePhone(phone));
  const facts = factsFor(country);
  return {
    name: facts.carrier,
    network_type: networkType,
    ...(country ? { country_code: country } : {}),
    network_code: facts.networkCode,
    status: STATUS_OK,
  };
}

// SIM swap is a network-registry insight: Vonage demands the purpose that justifies it.
export function buildSimSwap(purpose: unknown): object {
  if (purpose !== 'FraudPreventionAndDetection') return { status: STATUS_INVALID_PURPOSE };
  return { is_swapped: false, status: STATUS_OK };
}
