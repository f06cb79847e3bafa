import type { Channel } from './activity';

/** Which refusals the fraud page lists: those in force now, or every one of the last 30 days. */
export const FRAUD_REFUSAL_VIEWS = ['ACTIVE', 'RECENT'] as const;
export type FraudRefusalView = (typeof FRAUD_REFUSAL_VIEWS)[number];

/** How far back the RECENT view and the SHADOW findings reach. */
export const RECENT_FRAUD_DAYS = 30;

/** Lifting a refusal is a judgement call: the admin says why, and the audit trail keeps it. */
export interface LiftRefusalRequest {
  comment: string;
}

export const LIFT_COMMENT_MAX_LENGTH = 300;

/** How a SHADOW finding's flag detail starts on the activity row, so it can be found again. */
export const SHADOW_FLAG_PREFIX = 'SHADOW (delivered): ';

/** A send the guard would have refused in SHADOW mode, and delivered. */
export interface ShadowFindingDto {
  activityId: string;
  at: string;
  tokenId: string;
  channel: Channel;
  /** Masked: never a full number. */
  destination: string;
  country: string | null;
  reasonCode: string;
  /** "would refuse +9989012340xx: 5 distinct numbers in +9989012340xx in 2 min, none converted" */
  finding: string;
}

/** What the fraud guard never refuses: a number, a block of numbers (a leading part of E.164) or an Okta user. */
export const TRUSTED_KINDS = ['NUMBER', 'BLOCK', 'USER'] as const;
export type TrustedKind = (typeof TRUSTED_KINDS)[number];

export const TRUST_COMMENT_MAX_LENGTH = 300;
export const MAX_TRUST_DAYS = 365;

export interface TrustRequest {
  kind: TrustedKind;
  /** +447400123456 for a number, +4474001234 (or +44740012 34xx) for a block, an Okta user id. */
  value: string;
  /** Only this token; every token when absent. */
  tokenId?: string;
  comment: string;
  expiresInDays: number;
}

/** Trust the scope of a refusal (its number, block, prefix or user) without ever seeing the number. */
export interface TrustRefusalRequest {
  comment: string;
  expiresInDays: number;
}

export interface TrustedEntryDto {
  id: string;
  kind: TrustedKind;
  /** Masked number, block such as +4474001234…, or the Okta user id. */
  label: string;
  tokenId: string | null;
  comment: string;
  createdAt: string;
  createdBy: string;
  expiresAt: string;
}

/** What a fraud alert tells; every field is already masked (no full number, no code). */
export type FraudAlertSubject =
  | {
      kind: 'REFUSAL_OPENED';
      tokenId: string;
      scopeKind: string;
      scopeLabel: string;
      reasonCode: string;
      evidence: string;
      since: string;
      until: string;
    }
  | {
      kind: 'SPEND_THRESHOLD';
      tokenId: string | null;
      period: string;
      spend: number;
      threshold: number;
      currency: string;
    }
  | {
      /** A token's estimated spend reached its monthly cap: its sends are refused (SPEND_CAP_REACHED) until the month ends or the cap is raised. */
      kind: 'SPEND_CAP_REACHED';
      tokenId: string;
      period: string;
      spend: number;
      cap: number;
      currency: string;
    };
