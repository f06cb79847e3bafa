import type { VerifyCallback } from '../delivery/status-callback.service';

function text(value: unknown, max = 500): string | null {
  return typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : null;
}

/** Reads a Verify v2 `event` or `summary` callback; null when it names no request. */
export function parseVerifyCallback(body: unknown): VerifyCallback | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const b = body as Record<string, unknown>;
  const requestId = text(b.request_id, 64);
  if (!requestId) return null;
  const type = text(b.type)?.toLowerCase();
  const workflow = Array.isArray(b.workflow) ? (b.workflow as Array<Record<string, unknown>>) : [];
  const reason = workflow.map((step) => text(step?.reason)).find((r) => r !== null) ?? text(b.reason);
  return {
    type: type === 'event' || type === 'summary' ? type : 'unknown',
    requestId,
    status: text(b.status, 40)?.toLowerCase() ?? 'unknown',
    reason: reason ?? null,
  };
}
