import {
  FRAUD_GUARD_MODES,
  FRAUD_GUARD_THRESHOLD_BOUNDS,
  FraudGuardPolicy,
  FraudGuardThresholds,
  MAX_EXPIRY_MINUTES,
  REFUSAL_ANSWERS,
} from './fraud-guard';
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
import { readSpendPolicy } from './spend';
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

function readExpiries(r: Reader, field: string, value: unknown): number[] | undefined {
  const valid =
    Array.isArray(value) &&
    value.length >= 1 &&
    value.length <= 5 &&
    value.every((v, i) => Number.isInteger(v) && v >= 1 && v <= MAX_EXPIRY_MINUTES && (i === 0 || v >= value[i - 1]));
  if (valid) return value as number[];
  r.errors.push({ field, message: `${field} must be 1 to 5 whole minutes from 1 to ${MAX_EXPIRY_MINUTES}, not decreasing` });
  return undefined;
}

function readThresholds(r: Reader, value: unknown): Partial<FraudGuardThresholds> {
  const field = 'fraudGuard.thresholds';
  if (value === undefined) return {};
  if (!isObject(value)) {
    r.errors.push({ field, message: `${field} must be an object` });
    return {};
  }
  const overrides: Partial<FraudGuardThresholds> = {};
  for (const [key, raw] of Object.entries(value)) {
    const name = `${field}.${key}`;
    if (key === 'expiryMinutes') {
      const expiries = readExpiries(r, name, raw);
      if (expiries) overrides.expiryMinutes = expiries;
      continue;
    }
    const bounds = FRAUD_GUARD_THRESHOLD_BOUNDS[key as keyof typeof FRAUD_GUARD_THRESHOLD_BOUNDS];
    if (!bounds) {
      r.errors.push({ field: name, message: `${name} is not a fraud guard threshold` });
      continue;
    }
    const ok = typeof raw === 'number' && Number.isFinite(raw) && raw >= bounds.min && raw <= bounds.max && (!bounds.integer || Number.isInteger(raw));
    if (ok) overrides[key as keyof typeof FRAUD_GUARD_THRESHOLD_BOUNDS] = raw;
    else r.errors.push({ field: name, message: `${name} must be ${bounds.integer ? 'an integer' : 'a number'} from ${bounds.min} to ${bounds.max}` });
  }
  return overrides;
}

function readFraudGuard(r: Reader, value: unknown, fallback: FraudGuardPolicy): FraudGuardPolicy {
  if (value === undefined) return fallback;
  if (!isObject(value)) {
    r.errors.push({ field: 'fraudGuard', message: 'fraudGuard must be an object {mode, thresholds}' });
    return fallback;
  }
  for (const key of Object.keys(value)) {
    if (key !== 'mode' && key !== 'thresholds') r.errors.push({ field: `fraudGuard.${key}`, message: `fraudGuard.${key} is not a fraud guard field` });
  }
  return { mode: readEnum(r, 'fraudGuard.mode', value.mode, FRAUD_GUARD_MODES, fallback.mode), thresholds: readThresholds(r, value.thresholds) };
}

const KNOWN_FIELDS = new Set([
  'version',
  'insights',
  'countryAllowlist',
  'allowNonGeographicNumbers',
  'onFlag',
  'refusalAnswer',
  'fraudGuard',
  'rateLimit',
  'brandName',
  'smsToVoiceFallback',
  'expiresIn',
  'oauth',
  'spend',
]);

// Version 1 documents (stored before the fraud guard) read as version 2 with the new sections at
// their defaults; the only change of meaning, the allowlist becoming a boundary, is intended.
const ACCEPTED_VERSIONS: unknown[] = [1, POLICY_VERSION];

const OAUTH_TEXT = /^[\x21-\x7e]{1,500}$/;

/** `oauth` is optional: absent (or null) keeps the policy as it was, secret only. */
function readOAuth(r: Reader, value: unknown): Pick<TokenPolicy, 'oauth'> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) {
    r.errors.push({ field: 'oauth', message: 'oauth must be an object {issuer, audience, scope}' });
    return {};
  }
  for (const key of ['issuer', 'audience', 'scope'] as const) {
    if (typeof value[key] !== 'string' || !OAUTH_TEXT.test(value[key] as string)) r.errors.push({ field: `oauth.${key}`, message: `oauth.${key} must be 1 to 500 visible characters` });
  }
  if (typeof value.issuer === 'string' && OAUTH_TEXT.test(value.issuer) && !/^https?:\/\/[^/]/.test(value.issuer)) r.errors.push({ field: 'oauth.issuer', message: 'oauth.issuer must be an http(s) URL' });
  return { oauth: { issuer: String(value.issuer), audience: String(value.audience), scope: String(value.scope) } };
}

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
  if (input.version !== undefined && !ACCEPTED_VERSIONS.includes(input.version)) {
    r.errors.push({ field: 'version', message: `version must be ${POLICY_VERSION} (1 is read and upgraded)` });
  }
  const policy: TokenPolicy = {
    version: POLICY_VERSION,
    insights: readInsights(r, input.insights, base.insights),
    countryAllowlist: readCountries(r, input.countryAllowlist),
    allowNonGeographicNumbers: readBoolean(r, 'allowNonGeographicNumbers', input.allowNonGeographicNumbers, base.allowNonGeographicNumbers),
    onFlag: readEnum(r, 'onFlag', input.onFlag, FLAG_ACTIONS, base.onFlag),
    refusalAnswer: readEnum(r, 'refusalAnswer', input.refusalAnswer, REFUSAL_ANSWERS, base.refusalAnswer),
    fraudGuard: readFraudGuard(r, input.fraudGuard, base.fraudGuard),
    rateLimit: readRateLimit(r, input.rateLimit, base.rateLimit),
    brandName: readBrand(r, input.brandName),
    smsToVoiceFallback: readBoolean(r, 'smsToVoiceFallback', input.smsToVoiceFallback, base.smsToVoiceFallback),
    expiresIn: readEnum(r, 'expiresIn', input.expiresIn, TOKEN_LIFETIMES, base.expiresIn),
    ...readOAuth(r, input.oauth),
    ...readSpendPolicy(r.errors, input.spend),
  };
  return r.errors.length > 0 ? { ok: false, errors: r.errors } : { ok: true, policy };
}
