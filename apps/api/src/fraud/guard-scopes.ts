import { isIP } from 'net';
import { ENROLLED_NUMBER_KINDS, requestKindOf } from '@otc/contracts';
import type { Channel, FraudScopeKind } from '@otc/contracts';
import type { PhoneNumberFacts } from '../common/phone-number';
import { maskParsedNumber } from '../common/phone-number';

/** One thing a guard decision can cover: `key` is what is stored, `label` what a person reads. */
export interface Scope {
  kind: FraudScopeKind;
  key: string;
  label: string;
}

/** Everything the guard knows about one send, reduced to scopes; no full number leaves here. */
export interface SendScopes {
  channel: Channel;
  /** Not (yet) an enrolled factor: Okta asks to send to a number nobody proved to hold. */
  newNumber: boolean;
  number: Scope;
  /** 100-number block: E.164 without its last 2 digits. */
  hundredBlock: Scope;
  /** 1,000-number block: E.164 without its last 3 digits. */
  thousandBlock: Scope;
  prefix: Scope;
  country: Scope;
  ip: Scope | null;
  user: Scope | null;
}

export const UNPROVEN_COUNTRIES_SCOPE: Scope = { kind: 'UNPROVEN_COUNTRIES', key: '*', label: 'countries never converted' };

// National digits that name the range an operator was given: three for the +1 area codes, two elsewhere.
function prefixDigits(callingCode: string): number {
  return callingCode === '1' ? 3 : 2;
}

function block(digits: string, hidden: number): Scope {
  const kept = digits.slice(0, digits.length - hidden);
  return { kind: 'BLOCK', key: kept + 'x'.repeat(hidden), label: `+${kept}${'x'.repeat(hidden)}` };
}

/** Loopback, private and link-local addresses say nothing about the end user (Okta's Preview sends 127.0.0.1). */
function isPublicAddress(ip: string): boolean {
  const kind = isIP(ip);
  if (kind === 4) {
    const [a, b] = ip.split('.').map(Number);
    return !(a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127));
  }
  if (kind === 6) {
    const lower = ip.toLowerCase();
    return !(lower === '::1' || lower === '::' || lower.startsWith('fe80:') || lower.startsWith('fc') || lower.startsWith('fd'));
  }
  return false;
}

function maskIp(ip: string): string {
  if (isIP(ip) === 4) return `${ip.split('.').slice(0, 3).join('.')}.x`;
  return `${ip.split(':').slice(0, 3).join(':')}:…`;
}

/** Okta activates a phone factor only once its code came back (libs/contracts: ENROLLED_NUMBER_KINDS). */
export function isEnrolledNumberRequest(requestType: string | null): boolean {
  return ENROLLED_NUMBER_KINDS.has(requestKindOf(requestType));
}

export interface ScopeInput {
  phone: PhoneNumberFacts;
  requestType: string | null;
  channel: Channel;
  ipAddress: string | null;
  oktaUserId: string | null;
  /** Keyed hash, so numbers, addresses and user ids are never stored in the clear. */
  hash: (value: string) => string;
}

/** The stored key of a number's scope: refusals and trusted entries of one number share it. */
export function numberScopeKey(digits: string, hash: (value: string) => string): string {
  return hash(`n:${digits}`);
}

/** The stored key of an Okta user's scope. */
export function userScopeKey(oktaUserId: string, hash: (value: string) => string): string {
  return hash(`u:${oktaUserId}`);
}

/** Null for a number that is not valid: it is never sent, so the guard has nothing to count. */
export function scopesOf({ phone, requestType, channel, ipAddress, oktaUserId, hash }: ScopeInput): SendScopes | null {
  if (!phone.valid || !phone.digits || !phone.e164 || !phone.callingCode) return null;
  const digits = phone.digits;
  const prefixEnd = phone.callingCode.length + prefixDigits(phone.callingCode);
  const country = phone.country ?? `+${phone.callingCode}`;
  const ip = ipAddress && isPublicAddress(ipAddress) ? ipAddress : null;
  return {
    channel,
    newNumber: !isEnrolledNumberRequest(requestType),
    number: { kind: 'NUMBER', key: numberScopeKey(digits, hash), label: maskParsedNumber(phone, phone.e164) },
    hundredBlock: block(digits, 2),
    thousandBlock: block(digits, 3),
    prefix: { kind: 'PREFIX', key: digits.slice(0, prefixEnd), label: `+${digits.slice(0, prefixEnd)}…` },
    country: { kind: 'COUNTRY', key: country, label: country },
    ip: ip ? { kind: 'IP', key: hash(`ip:${ip}`), label: maskIp(ip) } : null,
    user: oktaUserId ? { kind: 'USER', key: userScopeKey(oktaUserId, hash), label: oktaUserId } : null,
  };
}

/** The scopes an active refusal may cover for this send, narrowest first. */
export function refusableScopes(scopes: SendScopes): Scope[] {
  return [scopes.number, scopes.hundredBlock, scopes.thousandBlock, scopes.prefix, scopes.country, scopes.ip, scopes.user].filter((s): s is Scope => s !== null);
}
