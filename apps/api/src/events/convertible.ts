import { AUTH_VIA_MFA } from './event-hook-request';

export const CONVERTIBLE_FACTORS = ['SMS_FACTOR', 'CALL_FACTOR'];

/** A successful SMS or voice sign-in of a known user: the code it used can be confirmed with Vonage. */
export function isConvertible(event: { eventType: string; outcome: string; oktaUserId: string | null; factor: string | null }): boolean {
  return event.eventType === AUTH_VIA_MFA && event.outcome === 'SUCCESS' && event.oktaUserId !== null && CONVERTIBLE_FACTORS.includes(event.factor ?? '');
}
