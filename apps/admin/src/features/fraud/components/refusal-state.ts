import type { FraudRefusalDto, FraudScopeKind } from '@otc/contracts';
import type { BadgeTone } from '../../../components/badge';

export type RefusalState = 'ACTIVE' | 'LIFTED' | 'EXPIRED';

/** One truth for a refusal's state, rendered alike in every list of the page. */
export function refusalState(refusal: Pick<FraudRefusalDto, 'until' | 'liftedAt'>, now: Date): RefusalState {
  if (refusal.liftedAt) return 'LIFTED';
  return new Date(refusal.until) > now ? 'ACTIVE' : 'EXPIRED';
}

export const REFUSAL_STATE_BADGE: Record<RefusalState, { tone: BadgeTone; label: string }> = {
  ACTIVE: { tone: 'danger', label: 'Refusing' },
  LIFTED: { tone: 'info', label: 'Lifted' },
  EXPIRED: { tone: 'neutral', label: 'Expired' },
};

export const SCOPE_KIND_LABEL: Record<FraudScopeKind, string> = {
  NUMBER: 'Number',
  BLOCK: 'Number block',
  PREFIX: 'Prefix',
  COUNTRY: 'Country',
  UNPROVEN_COUNTRIES: 'New numbers in countries never converted',
  IP: 'Client address',
  USER: 'Okta user',
};

/** The scopes a refusal's row can trust in one click, and the button that says what it trusts. */
export const TRUST_ACTION_LABEL: Partial<Record<FraudScopeKind, string>> = {
  NUMBER: 'Trust this number',
  BLOCK: 'Trust this block',
  PREFIX: 'Trust this prefix',
  USER: 'Trust this user',
};
