export const CONVERSION_RECORDS = Symbol('CONVERSION_RECORDS');

/**
 * Port to the activity records (plugged in by the composition root; fraud cannot import delivery):
 * where the guard's proven countries come from when its counters have lost them.
 */
export interface ConversionRecords {
  /** The token's latest conversion since `since` in each country it converted in (null: a number of no country). */
  lastConversionsOf(tokenId: string, since: Date): Promise<Array<{ country: string | null; at: Date }>>;
}
