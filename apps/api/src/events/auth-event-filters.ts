/** `okta`: events Okta sent; `conversion`: the connector's own conversion checks. */
export const AUTH_EVENT_KINDS = ['okta', 'conversion'] as const;
export type AuthEventKind = (typeof AUTH_EVENT_KINDS)[number];

/** Which auth events an admin asked to see. */
export interface AuthEventFilters {
  kind?: AuthEventKind;
  tokenId?: string;
  eventType?: string;
  from?: Date;
  to?: Date;
}
