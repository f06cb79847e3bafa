/** The lookup failed as a whole; `cause` is short and safe to record (e.g. "timeout after 800 ms", "http 503"). */
export class InsightsUnavailableError extends Error {
  readonly code = 'INSIGHTS_UNAVAILABLE';

  constructor(override readonly cause: string) {
    super(`Identity Insights unavailable: ${cause}`);
    this.name = 'InsightsUnavailableError';
  }
}
