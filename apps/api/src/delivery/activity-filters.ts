import type { ActivityStatus, Channel } from '@otc/contracts';

/** Which OTP attempts an admin asked to see. */
export interface ActivityFilters {
  status?: ActivityStatus;
  channel?: Channel;
  tokenId?: string;
  from?: Date;
  to?: Date;
}
