import type { ActivityFilters } from '../delivery/activity-filters';

/** Turns the admin's search text into what it can match: a number's keyed hash, or an Okta user id or login. */
export type SearchResolver = (query: string) => Pick<ActivityFilters, 'destinationHash' | 'oktaUser'>;
