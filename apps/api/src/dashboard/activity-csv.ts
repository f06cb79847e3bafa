import { activityOutcome } from '@otc/contracts';
import type { ActivityEntity } from '../delivery/activity.entity';

export const ACTIVITY_CSV_HEADER =
  'created_at,token,channel,destination,outcome,status,reason_code,delivery_state,latency_ms,converted_at,fallback_of,description\r\n';

/** RFC 4180 quoting, and a leading quote on cells a spreadsheet would run as a formula. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=@\t\r]/.test(text) || /^[+-][^0-9*]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Only the masked destination ever leaves the database. */
export function toCsvRow(a: ActivityEntity, tokenShortId: string): string {
  return (
    [
      a.createdAt.toISOString(),
      tokenShortId,
      a.channel,
      a.destinationMasked,
      activityOutcome(a),
      a.status,
      a.reasonCode,
      a.deliveryState,
      a.latencyMs,
      a.convertedAt?.toISOString() ?? null,
      a.fallbackOf,
      a.description,
    ]
      .map(csvCell)
      .join(',') + '\r\n'
  );
}
