import type { SandboxCredentialsFile } from './sandbox-credentials';
import type { TrustProxy } from './trust-proxy';
import type { PriceTable } from './price-table';

export const APP_CONFIG = Symbol('APP_CONFIG');

export interface VonageCredentials {
  apiKey: string;
  apiSecret: string;
  applicationId: string;
  privateKey: string;
}

export interface AppConfig {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  /** Absent: embedded PostgreSQL in dataDir. */
  databaseUrl: string | null;
  /** Absent: in-process counters (single instance only). */
  redisUrl: string | null;
  /** true when no Vonage credentials are configured: the in-process simulator stands in for Vonage. */
  sandbox: boolean;
  /** Generated once in DATA_DIR in sandbox mode; `created` is true on the start that made them. */
  sandboxCredentials: SandboxCredentialsFile | null;
  vonage: VonageCredentials;
  vonageApiHost: string | null;
  vonageInsightsHost: string | null;
  /** HS256 secret Vonage signs status callbacks with. */
  vonageSignatureSecret: string | null;
  brandName: string;
  vonageNumber: string | null;
  jwtSecret: string;
  encryptionKey: Buffer;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Total time the telephony hook may take before answering Okta. */
  hookBudgetMs: number;
  verifyTimeoutMs: number;
  insightsTimeoutMs: number;
  adminSessionTtlSeconds: number;
  /** Okta hook requests allowed per second per token before 429 (guards the hook, not the per-number limit). */
  hookThrottlePerSecond: number;
  /** Which proxies' X-Forwarded-For to believe (TRUST_PROXY); false: the socket's peer is the client. */
  trustProxy: TrustProxy;
  /** Days raw Okta event deliveries are kept (the parsed events stay). */
  eventDeliveryRetentionDays: number;
  /** Days finished conversion and cancellation jobs are kept. */
  jobRetentionDays: number;
  /** Bearer token /metrics requires; null: only scrapers on this host (loopback, not proxied). */
  metricsToken: string | null;
  /** Where fraud alerts are posted (a Slack-compatible incoming webhook by default); null: no alerts. A secret. */
  alertWebhookUrl: string | null;
  /** `slack`: `{ text }` for Slack-compatible incoming webhooks; `json`: the alert's own fields. */
  alertWebhookFormat: 'slack' | 'json';
  alertWebhookTimeoutMs: number;
  /** How often each instance looks for alerts to post. */
  alertPollMs: number;
  /** Estimated prices per country and channel (PRICE_TABLE_FILE, or the shipped indicative table). */
  priceTable: PriceTable;
}
