import type { VerifyCallback } from './status-callback.service';
import { isObject } from '@otc/contracts';
import { text } from '../common/json-fields';

/** Reads a Verify v2 `event` or `summary` callback; null when it names no request. */
export function parseVerifyCallback(body: unknown): VerifyCallback | null {
  if (!isObject(body)) return null;
  const b = body;
  const requestId = text(b.request_id, 64);
  if (!requestId) return null;
  const type = text(b.type)?.toLowerCase();
  const workflow = Array.isArray(b.workflow) ? (b.workflow as Array<Record<string, unknown>>) : [];
  const reason = workflow.map((step) => text(step?.reason, 500)).find((r) => r !== null) ?? text(b.reason, 500);
  return {
    type: type === 'event' || type === 'summary' ? type : 'unknown',
    requestId,
    status: text(b.status, 40)?.toLowerCase() ?? 'unknown',
    reason: reason ?? null,
  };
}
