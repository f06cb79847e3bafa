import type { NetworkType } from '@otc/contracts';

export const NUMBER_INSIGHTS_CLIENT = Symbol('NUMBER_INSIGHTS_CLIENT');

export const INSIGHT_STATUSES = [
  'OK',
  'PARTIAL_SUCCESS',
  'INVALID_NUMBER_FORMAT',
  'NO_COVERAGE',
  'NOT_FOUND',
  'UNAUTHORIZED',
  'INVALID_PURPOSE',
  'SUPPLIER_ERROR',
  'INTERNAL_ERROR',
  'UNKNOWN',
] as const;
/** Per-insight outcome; UNKNOWN stands for any code Vonage adds later. */
export type InsightStatus = (typeof INSIGHT_STATUSES)[number];

/** Which insights to buy for one number; each carrier insight is charged, so ask only for what is enabled. */
export interface InsightsRequest {
  /** E.164 without the +. */
  digits: string;
  format: boolean;
  originalCarrier: boolean;
  currentCarrier: boolean;
}

export interface FormatInsight {
  status: InsightStatus;
  /** null when Vonage did not say. */
  valid: boolean | null;
  /** ISO 3166-1 alpha-2. */
  country: string | null;
}

export interface CarrierInsight {
  status: InsightStatus;
  name: string | null;
  /** 'UNKNOWN' for a value Vonage added after this code; null when absent. */
  networkType: NetworkType | 'UNKNOWN' | null;
  country: string | null;
}

/** Facts about one number; an insight is absent when it was not asked for or not returned. */
export interface NumberInsights {
  format?: FormatInsight;
  originalCarrier?: CarrierInsight;
  currentCarrier?: CarrierInsight;
}

/** Looks up carrier, network type and format of a number (Vonage Identity Insights). */
export interface NumberInsightsClient {
  /**
   * Resolves within `options.timeoutMs` or rejects.
   * @throws InsightsUnavailableError on timeout, network failure, 4xx/5xx or an unreadable body.
   */
  lookup(request: InsightsRequest, options: { timeoutMs: number }): Promise<NumberInsights>;
}
