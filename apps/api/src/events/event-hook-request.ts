import { createHash } from 'crypto';
import type { FieldError } from '@otc/contracts';
import { isObject } from '@otc/contracts';
import { date, text } from '../common/json-fields';
import { DATE_RANGE_MESSAGE, findUnstorableText, isStorableDate, storableCopy } from '../common/storable';

/** One System Log event reduced to what the connector records; `raw` stays in the stored delivery. */
export interface OktaAuthEvent {
  uuid: string;
  published: Date | null;
  eventType: string;
  /** SMS_FACTOR, CALL_FACTOR, ... (upper case) when the event names one. */
  factor: string | null;
  outcome: string;
  reason: string | null;
  oktaUserId: string | null;
  requestId: string | null;
}

export interface OktaEventDelivery {
  /** The delivery's own id; null when Okta (or a test tool) left it out: then only per-event dedupe applies. */
  eventId: string | null;
  events: OktaAuthEvent[];
  /** Events left out because they cannot be stored (NUL, unpaired surrogates, dates out of range): the rest is still taken. */
  skipped: Array<{ index: number; reason: string }>;
}

export type EventDeliveryParseResult = { ok: true; delivery: OktaEventDelivery } | { ok: false; errors: FieldError[] };

export const MAX_EVENTS_PER_DELIVERY = 1000;
export const AUTH_VIA_MFA = 'user.authentication.auth_via_mfa';


/** Okta's casing is not reliable in sample data: read keys case-insensitively. */
function field(object: unknown, name: string): unknown {
  if (!isObject(object)) return undefined;
  if (name in object) return object[name];
  const lower = name.toLowerCase();
  const key = Object.keys(object).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : object[key];
}


const FACTOR_IN_TEXT = /\b(SMS_FACTOR|CALL_FACTOR|[A-Z0-9_]+_FACTOR)\b/i;

/** `debugData.factor`, else a *_FACTOR in `outcome.reason`, else the enrollment's `methodTypeUsed`. */
export function factorOf(event: unknown): string | null {
  const debugData = field(field(event, 'debugContext'), 'debugData');
  const explicit = text(field(debugData, 'factor'), 40);
  if (explicit) return explicit.toUpperCase();
  const inReason = text(field(field(event, 'outcome'), 'reason'), 500)?.match(FACTOR_IN_TEXT);
  if (inReason) return inReason[1].toUpperCase();
  const targets = field(event, 'target');
  for (const target of Array.isArray(targets) ? targets : []) {
    const method = text(field(field(target, 'detailEntry'), 'methodTypeUsed'), 40)?.toUpperCase();
    if (method === 'SMS') return 'SMS_FACTOR';
    if (method === 'VOICE' || method === 'CALL') return 'CALL_FACTOR';
  }
  return null;
}

export function parseAuthEvent(event: Record<string, unknown>): OktaAuthEvent {
  const outcome = field(event, 'outcome');
  const debugData = field(field(event, 'debugContext'), 'debugData');
  return {
    // Without a uuid the event's content is its identity, so a redelivery still dedupes.
    uuid: text(field(event, 'uuid')) ?? `sha256:${createHash('sha256').update(JSON.stringify(event)).digest('hex')}`,
    published: date(field(event, 'published')),
    eventType: (text(field(event, 'eventType')) ?? 'unknown').toLowerCase(),
    factor: factorOf(event),
    outcome: (text(field(outcome, 'result'), 40) ?? 'UNKNOWN').toUpperCase(),
    reason: text(field(outcome, 'reason'), 500),
    oktaUserId: text(field(field(event, 'actor'), 'id'), 100),
    requestId: text(field(debugData, 'requestId')) ?? text(field(field(event, 'transaction'), 'id')),
  };
}

/** The event as recorded, or why it cannot be stored; `textChecked`: its text is known to be storable. */
function storableEvent(event: Record<string, unknown>, textChecked: boolean): OktaAuthEvent | string {
  const text = textChecked ? null : findUnstorableText(event);
  if (text) return text;
  const parsed = parseAuthEvent(event);
  return parsed.published && !isStorableDate(parsed.published) ? `published is not ${DATE_RANGE_MESSAGE}` : parsed;
}

/**
 * Validates an event hook delivery. A delivery of the wrong shape is refused as a whole; a single
 * event that cannot be stored is skipped (and reported), so Okta does not redeliver the rest forever.
 * `textChecked`: every text in the body is already known to be storable (the JSON parser looked).
 */
export function parseEventDelivery(body: unknown, { textChecked = false } = {}): EventDeliveryParseResult {
  if (!isObject(body)) return { ok: false, errors: [{ field: 'body', message: 'body must be a JSON object' }] };
  const events = field(field(body, 'data'), 'events');
  if (!Array.isArray(events)) return { ok: false, errors: [{ field: 'data.events', message: 'data.events must be an array' }] };
  if (events.length > MAX_EVENTS_PER_DELIVERY) {
    return { ok: false, errors: [{ field: 'data.events', message: `at most ${MAX_EVENTS_PER_DELIVERY} events per delivery` }] };
  }
  const bad = events.findIndex((e) => !isObject(e));
  if (bad >= 0) return { ok: false, errors: [{ field: `data.events[${bad}]`, message: 'each event must be an object' }] };
  const usable: OktaAuthEvent[] = [];
  const skipped: OktaEventDelivery['skipped'] = [];
  (events as Array<Record<string, unknown>>).forEach((event, index) => {
    const stored = storableEvent(event, textChecked);
    if (typeof stored === 'string') skipped.push({ index, reason: stored });
    else usable.push(stored);
  });
  const eventId = text(field(body, 'eventId'));
  return { ok: true, delivery: { eventId: eventId === null ? null : (storableCopy(eventId) as string), events: usable, skipped } };
}
