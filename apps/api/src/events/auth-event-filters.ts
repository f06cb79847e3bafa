/** Which auth events an admin asked to see. */
export interface AuthEventFilters {
  tokenId?: string;
  eventType?: string;
  from?: Date;
  to?: Date;
}
