import { ISO_COUNTRY_CODES } from './iso-countries';
import {
  BRAND_NAME_MAX_LENGTH,
  FLAG_ACTIONS,
  INSIGHTS_FAILURE_ACTIONS,
  NETWORK_TYPES,
  POLICY_VERSION,
  TOKEN_LIFETIMES,
  TokenPolicy,
  defaultPolicy,
} from './policy';
import { isObject } from './values';

export interface FieldError {
  field: string;
  message: string;
}

export type PolicyParseResult = { ok: true; policy: TokenPolicy } | { ok: false; errors: FieldError[] };

const MAX_RATE_LIMIT = 1000;
// Vonage accepts alphanumerics, spaces and a few punctuation marks in a brand.
const BRAND_PATTERN = /^[A-Za-z0-9 .&'_-]+$/;

type Reader = { errors: FieldError[] };

function readBoolean(r: Reader, field: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') r.errors.push({ field, message: `${field} must be true or false` });
  return value === true;
}

function readEnum<T extends string>(r: Reader, field: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    r.errors.push({ field, message: `${field} must be one of ${allowed.join(', ')}` });
    return fallback;
  }
  return value as T;
}

function readEnumList<T extends string>(r: Reader, field: string, value: unknown, allowed: readonly T[], fallback: T[]): T[] {
  if (value === undefined) return fallback;
  if (!Array.isArray(value)) {
    r.errors.push({ field, message: `${field} must be an array` });
    return fallback;
  }
  const bad = value.filter((v) => typeof v !== 'string' || !allowed.includes(v as T));
  if (bad.length > 0) r.errors.push({ field, message: `${field} accepts only ${allowed.join(', ')}; got ${bad.map(String).join(', ')}` });
  return [...new Set(value.filter((v): v is T => allowed.includes(v as T)))];
}

function readCountries(r: Reader, value: unknown): string[] {
  const field = 'countryAllowlist';
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    r.errors.push({ field, message: `${field} must be an array of ISO 3166-1 alpha-2 codes` });
    return [];
  }
  const codes = value.map((v) => (typeof v === 'string' ? v.trim().toUpperCase() : String(v)));
  const bad = codes.filter((c) => !ISO_COUNTRY_CODES.has(c));
  if (bad.length > 0) r.errors.push({ field, message: `${field} has codes that are not ISO 3166-1 alpha-2: ${bad.join(', ')}` });
  return [...new Set(codes.filter((c) => ISO_COUNTRY_CODES.has(c)))];
}

function readBrand(r: Reader, value: unknown): string | null {
  const field = 'brandName';
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') {
    r.errors.push({ field, message: `${field} must be a string` });
    return null;
  }
  const brand = value.trim();
  if (brand.length > BRAND_NAME_MAX_LENGTH) r.errors.push({ field, message: `${field} must be at most ${BRAND_NAME_MAX_LENGTH} characters` });
  else if (!BRAND_PATTERN.test(brand)) r.errors.push({ field, message: `${field} may contain only letters, digits, spaces and . & ' _ -` });
  return brand;
}

function readRateLimit(r: Reader, value: unknown, fallback: TokenPolicy['rateLimit']): TokenPolicy['rateLimit'] {
  if (value === undefined) return fallback;
  if (!isObject(value)) {
    r.errors.push({ field: 'rateLimit', message: 'rateLimit must be an object {enabled, maxPerWindow}' });
    return fallback;
  }
  const enabled = readBoolean(r, 'rateLimit.enabled', value.enabled, fallback.enabled);
  const max = value.maxPerWindow ?? fallback.maxPerWindow;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > MAX_RATE_LIMIT) {
    r.errors.push({ field: 'rateLimit.maxPerWindow', message: `rateLimit.maxPerWindow must be an integer from 1 to ${MAX_RATE_LIMIT}` });
    return { enabled, maxPerWindow: fallback.maxPerWindow };
  }
  return { enabled, maxPerWindow: max };
}

function readInsights(r: Reader, value: unknown, fallback: TokenPolicy['insights']): TokenPolicy['insights'] {
  if (value === undefined) return fallback;
  if (!isObject(value)) {
    r.errors.push({ field: 'insights', message: 'insights must be an object' });
    return fallback;
  }
  return {
    enabled: readBoolean(r, 'insights.enabled', value.enabled, fallback.enabled),
    formatValidity: readBoolean(r, 'insights.formatValidity', value.formatValidity, fallback.formatValidity),
    originalCarrier: readBoolean(r, 'insights.originalCarrier', value.originalCarrier, fallback.originalCarrier),
    currentCarrier: readBoolean(r, 'insights.currentCarrier', value.currentCarrier, fallback.currentCarrier),
    allowedNetworkTypes: readEnumList(r, 'insights.allowedNetworkTypes', value.allowedNetworkTypes, NETWORK_TYPES, fallback.allowedNetworkTypes),
    onUnavailable: readEnum(r, 'insights.onUnavailable', value.onUnavailable, INSIGHTS_FAILURE_ACTIONS, fallback.onUnavailable),
  };
}

const KNOWN_FIELDS = new Set(['version', 'insights', 'countryAllowlist', 'onFlag', 'rateLimit', 'brandName', 'smsToVoiceFallback', 'expiresIn']);

/**
 * Validates a (possibly partial) policy document; missing fields take the defaults.
 * Every error names the offending field with its dotted path.
 */
export function parsePolicy(input: unknown): PolicyParseResult {
  const base = defaultPolicy();
  if (input === undefined || input === null) return { ok: true, policy: base };
  if (!isObject(input)) return { ok: false, errors: [{ field: 'policy', message: 'policy must be a JSON object' }] };
  const r: Reader = { errors: [] };
  for (const key of Object.keys(input)) {
    if (!KNOWN_FIELDS.has(key)) r.errors.push({ field: key, message: `${key} is not a policy field` });
  }
  if (input.version !== undefined && input.version !== POLICY_VERSION) {
    r.errors.push({ field: 'version', message: `version must be ${POLICY_VERSION}` });
  }
  const policy: TokenPolicy = {
    version: POLICY_VERSION,
    insights: readInsights(r, input.insights, base.insights),
    countryAllowlist: readCountries(r, input.countryAllowlist),
    onFlag: readEnum(r, 'onFlag', input.onFlag, FLAG_ACTIONS, base.onFlag),
    rateLimit: readRateLimit(r, input.rateLimit, base.rateLimit),
    brandName: readBrand(r, input.brandName),
    smsToVoiceFallback: readBoolean(r, 'smsToVoiceFallback', input.smsToVoiceFallback, base.smsToVoiceFallback),
    expiresIn: readEnum(r, 'expiresIn', input.expiresIn, TOKEN_LIFETIMES, base.expiresIn),
  };
  return r.errors.length > 0 ? { ok: false, errors: r.errors } : { ok: true, policy };
}
