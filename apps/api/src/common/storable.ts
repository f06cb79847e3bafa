/**
 * What PostgreSQL can store: text without NUL or half of a UTF-16 surrogate pair, and timestamps in
 * a range both it and JavaScript handle (years 1 to 9999; JavaScript alone reaches year 275760).
 */

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

const EARLIEST = Date.parse('0001-01-01T00:00:00.000Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

export const DATE_RANGE_MESSAGE = 'a date-time between years 1 and 9999';

/** Why this text cannot be stored, or null. */
export function unstorableText(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character (\\u0000)';
  if (LONE_SURROGATE.test(text)) return 'contains an unpaired UTF-16 surrogate (\\ud800-\\udfff)';
  return null;
}

export function isStorableDate(date: Date): boolean {
  const time = date.getTime();
  return time >= EARLIEST && time <= LATEST;
}

/** The first key or string value anywhere in `value` that cannot be stored, with its problem; or null. */
export function findUnstorableText(value: unknown): string | null {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node === 'string') {
      const problem = unstorableText(node);
      if (problem) return problem;
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, child] of Object.entries(node)) {
        const problem = unstorableText(key);
        if (problem) return problem;
        stack.push(child);
      }
    }
  }
  return null;
}

/** A copy with every NUL and unpaired surrogate replaced by U+FFFD, so a record of bad input can still be kept. */
export function storableCopy(value: unknown): unknown {
  if (typeof value === 'string') return value.replaceAll('\u0000', '\ufffd').replace(LONE_SURROGATES, '\ufffd');
  if (Array.isArray(value)) return value.map(storableCopy);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [storableCopy(key) as string, storableCopy(child)]));
  }
  return value;
}
