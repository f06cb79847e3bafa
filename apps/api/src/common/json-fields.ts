/** Lenient readers for the JSON Okta and Vonage send: documented as strings, seen as numbers, sometimes missing. */

/** A trimmed, non-empty string (numbers coerced), cut to `max` characters; otherwise null. */
export function text(value: unknown, max = 200): string | null {
  if (typeof value === 'string') return value.trim().slice(0, max) || null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

export function date(value: unknown): Date | null {
  const raw = text(value);
  if (!raw) return null;
  const parsed = new Date(raw);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}
