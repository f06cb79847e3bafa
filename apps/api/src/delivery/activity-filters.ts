import type { ActivityOutcome, Channel } from '@otc/contracts';

/** Which OTP attempts an admin asked to see. */
export interface ActivityFilters {
  outcomes?: ActivityOutcome[];
  /** Keyed hash of a searched phone number. */
  destinationHash?: string;
  /** An Okta user id or login, matched exactly (the login without regard to case). */
  oktaUser?: string;
  channel?: Channel;
  tokenId?: string;
  from?: Date;
  to?: Date;
}
