import type { Channel } from '@otc/contracts';

export const VERIFY_CLIENT = Symbol('VERIFY_CLIENT');

export interface VerifyStartRequest {
  /** E.164 digits without `+`. */
  to: string;
  code: string;
  channel: Channel;
  brand: string;
  locale?: string;
  from?: string;
  clientRef?: string;
  /** Seconds before Verify gives up on the step (15-900); set from Okta's otpExpires so the request stays checkable. */
  channelTimeout?: number;
}

export type VerifyFailureKind = 'REJECTED' | 'THROTTLED' | 'UNAVAILABLE' | 'AUTH_FAILED';

export type VerifyStartResult =
  | { kind: 'started'; requestId: string }
  | { kind: 'conflict'; activeRequestId: string | null }
  | { kind: 'failed'; failure: VerifyFailureKind; detail: string };

export type VerifyCheckResult =
  | { kind: 'completed' }
  | { kind: 'invalid-code' }
  | { kind: 'not-found' }
  | { kind: 'failed'; failure: VerifyFailureKind; detail: string };

/** Vonage Verify v2, reduced to what the connector needs. Never throws: failures are results. */
export interface VerifyClient {
  start(request: VerifyStartRequest, options: { timeoutMs: number }): Promise<VerifyStartResult>;
  check(requestId: string, code: string, options: { timeoutMs: number }): Promise<VerifyCheckResult>;
  cancel(requestId: string, options: { timeoutMs: number }): Promise<boolean>;
}
