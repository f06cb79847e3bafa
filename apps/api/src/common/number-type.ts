import type { KnownNetworkType } from '@otc/contracts';
import type { PhoneNumberFacts } from './phone-number';

// The numbering plan's type (libphonenumber-js/max, offline and free) on our network types.
// Types that cannot be a person's handset go where their risk is: ranges the caller pays extra for
// (shared cost, UAN) count as PREMIUM, numbers that forward elsewhere (personal numbers, voicemail
// access) as VIRTUAL. FIXED_LINE_OR_MOBILE (all of +1, some others) cannot be told apart offline.
const NETWORK_TYPE_OF_NUMBER_TYPE: Record<string, KnownNetworkType> = {
  MOBILE: 'MOBILE',
  FIXED_LINE: 'LANDLINE',
  FIXED_LINE_OR_MOBILE: 'MOBILE_OR_LANDLINE',
  TOLL_FREE: 'TOLLFREE',
  PREMIUM_RATE: 'PREMIUM',
  SHARED_COST: 'PREMIUM',
  UAN: 'PREMIUM',
  VOIP: 'VIRTUAL',
  PERSONAL_NUMBER: 'VIRTUAL',
  VOICEMAIL: 'VIRTUAL',
  PAGER: 'PAGER',
};

/** The network type the numbering plan gives a number; null when it gives none. */
export function freeNetworkType(phone: PhoneNumberFacts): KnownNetworkType | null {
  return phone.numberType ? (NETWORK_TYPE_OF_NUMBER_TYPE[phone.numberType] ?? null) : null;
}

/** Valid numbers of no country: international ranges (+800, +808), satellite (+870, +881), +882/+883, +979. */
export function isNonGeographic(phone: PhoneNumberFacts): boolean {
  return phone.valid && phone.country === null;
}

/** A network type is allowed when it is listed; MOBILE_OR_LANDLINE when either of the two is. */
export function isNetworkTypeAllowed(type: KnownNetworkType | 'UNKNOWN', allowed: readonly string[]): boolean {
  if (allowed.length === 0 || allowed.includes(type)) return true;
  return type === 'MOBILE_OR_LANDLINE' && (allowed.includes('MOBILE') || allowed.includes('LANDLINE'));
}
