import type { TokenPolicy } from '@otc/contracts';

const MIN_CHANNEL_TIMEOUT_S = 15;
const MAX_CHANNEL_TIMEOUT_S = 900;

/** Verify's `client_ref` (at most 40 characters): the attempt id, so callbacks name the attempt. */
export function clientRefFor(attemptId: string): string {
  return attemptId.replace(/-/g, '').slice(0, 40);
}

/** Verify's `channel_timeout` (15-900 s) covering what is left of the OTP's life, so the request stays checkable. */
export function channelTimeoutSeconds(remainingMs: number): number {
  return Math.min(MAX_CHANNEL_TIMEOUT_S, Math.max(MIN_CHANNEL_TIMEOUT_S, Math.floor(remainingMs / 1000)));
}

export const MAX_CHANNEL_TIMEOUT_MS = MAX_CHANNEL_TIMEOUT_S * 1000;

/** The brand in the message: the token's override, else the instance's. */
export function brandFor(policy: TokenPolicy, instanceBrand: string): string {
  return policy.brandName ?? instanceBrand;
}
