import type { IncomingMessage, ServerResponse } from 'http';

export interface VonageSimulatorOptions {
  /** Basic auth is accepted as `apiKey:apiSecret`. Default 'sandbox-key'. */
  apiKey?: string;
  /** Default 'sandbox-secret'. */
  apiSecret?: string;
  /** Bearer JWTs are accepted when `claims.application_id` equals this; when absent any application id is accepted. */
  applicationId?: string;
  /** PEM public key; when given the RS256 signature of Bearer JWTs is verified, otherwise only their shape and claims. */
  publicKey?: string;
  /** Delay added before every answer. Default 0. */
  latencyMs?: number;
  /** When set, Verify event and summary callbacks are posted here. */
  callbackUrl?: string;
  /** HS256 secret that signs callbacks. Default 'sandbox-signature-secret'. */
  signatureSecret?: string;
  /** Delay between a state change and its callback. Default 20. */
  callbackDelayMs?: number;
  /** Clock for simulated time (request lifetimes, timestamps). Default wall clock. */
  now?: () => Date;
  /**
   * Keep only the newest records (at least this many, at most twice as many) in `messages`, `checks`,
   * `cancels` and `insightsRequests`, so a long-running simulator (sandbox mode) does not grow. Default: all.
   */
  journalLimit?: number;
}

export type SimulatedChannel = 'sms' | 'voice';

export interface SimulatedMessage {
  requestId: string;
  channel: SimulatedChannel;
  to: string;
  code: string;
  brand: string;
  locale: string;
  from?: string;
  text: string;
  sentAt: Date;
  clientRef?: string;
}

export interface SimulatedCheck {
  requestId: string;
  code: string;
  /** HTTP status the simulator answered. */
  status: number;
  at: Date;
}

export interface SimulatedInsightsRequest {
  phoneNumber: string;
  insights: string[];
  at: Date;
}

export interface VonageSimulator {
  /** Starts listening (default port 0 = any free port, host 127.0.0.1) and resolves the base URL. */
  listen(port?: number, host?: string): Promise<string>;
  /** Stops the server, ends hanging responses and drops undelivered callbacks. */
  close(): Promise<void>;
  readonly url: string | null;
  /** Request handler, usable with any http server or without listen(). */
  handle(req: IncomingMessage, res: ServerResponse): void;
  setLatency(ms: number): void;
  /** Where callbacks of later changes go, like the status URL of a Vonage application; undefined stops them. */
  setCallbackUrl(url: string | undefined): void;
  /** Forgets every request and record; options are kept. */
  reset(): void;
  /** One entry per sms/voice step that started; the text contains the code. */
  readonly messages: SimulatedMessage[];
  readonly checks: SimulatedCheck[];
  readonly cancels: string[];
  readonly insightsRequests: SimulatedInsightsRequest[];
  /** Resolves once every queued callback has been delivered or has given up. */
  flushCallbacks(): Promise<void>;
}

/** Options after defaults, shared by the route handlers. */
export interface ResolvedOptions {
  apiKey: string;
  apiSecret: string;
  applicationId?: string;
  publicKey?: string;
  callbackUrl?: string;
  signatureSecret: string;
  callbackDelayMs: number;
  now: () => Date;
}
