import type { NetworkType } from '@otc/contracts';
import type { CarrierInsight, FormatInsight, InsightStatus, NumberInsights } from './number-insights.client';
import { isObject } from '@otc/contracts';

export function toInsightStatus(code: unknown): InsightStatus {
  switch (typeof code === 'string' ? code.trim().toUpperCase() : undefined) {
    case 'OK':
      return 'OK';
    case 'PARTIAL_SUCCESS':
      return 'PARTIAL_SUCCESS';
    case 'INVALID_NUMBER_FORMAT':
      return 'INVALID_NUMBER_FORMAT';
    case 'NO_COVERAGE':
      return 'NO_COVERAGE';
    case 'NOT_FOUND':
      return 'NOT_FOUND';
    case 'UNAUTHORIZED':
      return 'UNAUTHORIZED';
    case 'INVALID_PURPOSE':
      return 'INVALID_PURPOSE';
    case 'SUPPLIER_ERROR':
      return 'SUPPLIER_ERROR';
    case 'INTERNAL_ERROR':
      return 'INTERNAL_ERROR';
    default:
      return 'UNKNOWN';
  }
}

/** Vonage calls network_type extensible: a value we do not know is 'UNKNOWN', a missing one null. */
export function toNetworkType(value: unknown): NetworkType | 'UNKNOWN' | null {
  if (value === undefined || value === null || value === '') return null;
  switch (typeof value === 'string' ? value.trim().toUpperCase() : undefined) {
    case 'MOBILE':
      return 'MOBILE';
    case 'LANDLINE':
      return 'LANDLINE';
    case 'TOLLFREE':
      return 'TOLLFREE';
    case 'PREMIUM':
      return 'PREMIUM';
    case 'VIRTUAL':
      return 'VIRTUAL';
    default:
      return 'UNKNOWN';
  }
}

type Json = Record<string, unknown>;

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function country(value: unknown): string | null {
  return text(value)?.toUpperCase() ?? null;
}

function statusOf(insight: Json): InsightStatus {
  return toInsightStatus(isObject(insight.status) ? insight.status.code : undefined);
}

function toFormat(insight: Json): FormatInsight {
  return {
    status: statusOf(insight),
    valid: typeof insight.is_format_valid === 'boolean' ? insight.is_format_valid : null,
    country: country(insight.country_code),
  };
}

function toCarrier(insight: Json): CarrierInsight {
  return {
    status: statusOf(insight),
    name: text(insight.name),
    networkType: toNetworkType(insight.network_type),
    country: country(insight.country_code),
  };
}

/** Maps a 200 body; returns null when the body is not an Identity Insights answer at all. */
export function toNumberInsights(body: unknown): NumberInsights | null {
  if (!isObject(body) || !isObject(body.insights)) return null;
  const { format, original_carrier: original, current_carrier: current } = body.insights;
  return {
    ...(isObject(format) ? { format: toFormat(format) } : {}),
    ...(isObject(original) ? { originalCarrier: toCarrier(original) } : {}),
    ...(isObject(current) ? { currentCarrier: toCarrier(current) } : {}),
  };
}
