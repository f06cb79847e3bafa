import type { FraudScopeKind, TrustedKind } from '@otc/contracts';
import { parsePhoneNumber, maskPhoneNumber } from '../common/phone-number';
import { numberScopeKey, userScopeKey } from './guard-scopes';

/** What a trusted entry matches: `key` as the guard's scopes store it, `label` for a person. */
export interface TrustTarget {
  kind: TrustedKind;
  key: string;
  label: string;
}

/** One send, reduced to what a trusted entry can match. */
export interface TrustProbe {
  tokenId: string;
  digits: string;
  numberKey: string;
  userKey: string | null;
}

const BLOCK_DIGITS = /^\d{5,14}$/;

/** An admin's entry (a number, block or user as typed) as a target; a message naming the problem otherwise. */
export function trustTargetOf(kind: TrustedKind, value: string, hash: (value: string) => string): TrustTarget | string {
  const trimmed = value.trim();
  if (kind === 'NUMBER') {
    const phone = parsePhoneNumber(trimmed);
    if (!phone.valid || !phone.digits || !phone.e164) return 'value must be a valid phone number in international form, such as +447400123456';
    return { kind, key: numberScopeKey(phone.digits, hash), label: maskPhoneNumber(phone.e164) };
  }
  if (kind === 'BLOCK') {
    const digits = trimmed.replace(/[\s\-().]/g, '').replace(/^\+/, '').replace(/x+$/i, '');
    if (!BLOCK_DIGITS.test(digits)) return 'value must be the leading digits of a number block, 5 to 14 digits such as +4474001234 or +4474001234xx';
    return { kind, key: digits, label: `+${digits}…` };
  }
  if (trimmed.length === 0 || trimmed.length > 100) return 'value must be an Okta user id (1 to 100 characters)';
  return { kind, key: userScopeKey(trimmed, hash), label: trimmed.slice(0, 60) };
}

/** The target that trusts what a refusal refused; null for scopes too wide to trust (country, address). */
export function trustTargetOfScope(scopeKind: FraudScopeKind, scopeKey: string, scopeLabel: string): TrustTarget | null {
  if (scopeKind === 'NUMBER') return { kind: 'NUMBER', key: scopeKey, label: scopeLabel };
  if (scopeKind === 'USER') return { kind: 'USER', key: scopeKey, label: scopeLabel };
  if (scopeKind === 'BLOCK' || scopeKind === 'PREFIX') {
    const digits = scopeKey.replace(/x+$/, '');
    return { kind: 'BLOCK', key: digits, label: `+${digits}…` };
  }
  return null;
}

export function trustCovers(entry: TrustTarget & { tokenId: string | null }, probe: TrustProbe): boolean {
  if (entry.tokenId !== null && entry.tokenId !== probe.tokenId) return false;
  if (entry.kind === 'NUMBER') return entry.key === probe.numberKey;
  if (entry.kind === 'USER') return entry.key === probe.userKey;
  return probe.digits.startsWith(entry.key);
}
