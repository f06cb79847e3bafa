import type { ReasonCode } from './reason-codes';
import type { KnownNetworkType } from './policy';

export const CHANNELS = ['SMS', 'VOICE'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * SUCCESS green, FAILED red, FLAGGED amber (delivered with flags), BLOCKED (refused by policy before
 * sending), PENDING while the hook is still screening or sending.
 */
export const ACTIVITY_STATUSES = ['SUCCESS', 'FAILED', 'FLAGGED', 'BLOCKED', 'PENDING'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/** What Vonage later told us about the message, through status callbacks. */
export const DELIVERY_STATES = ['PENDING', 'DELIVERED', 'FAILED', 'EXPIRED', 'BLOCKED_BY_VONAGE', 'CONVERTED'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export interface ActivityFlag {
  code: ReasonCode;
  detail?: string;
}

export interface NumberFactsDto {
  country: string | null;
  networkType: KnownNetworkType | 'UNKNOWN' | null;
  carrier: string | null;
  insightsMs: number | null;
}

export interface ActivityDto {
  id: string;
  createdAt: string;
  tokenId: string;
  tokenShortId: string;
  channel: Channel;
  destination: string;
  status: ActivityStatus;
  reasonCode: ReasonCode;
  description: string;
  flags: ActivityFlag[];
  facts: NumberFactsDto;
  latencyMs: number;
  deliveryState: DeliveryState | null;
  verifyRequestId: string | null;
  oktaUserId: string | null;
  oktaLogin: string | null;
  oktaEventId: string;
  requestType: string | null;
  fallbackOf: string | null;
  /** When Okta reported the code as used (the conversion), if it was. */
  convertedAt: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
