import { BadRequestException } from '@nestjs/common';
import { ACTIVITY_OUTCOMES, CHANNELS } from '@otc/contracts';
import type { ActivityOutcome, Channel, FieldError } from '@otc/contracts';

export const PERIODS = { '24h': 24 * 3600_000, '7d': 7 * 24 * 3600_000, '30d': 30 * 24 * 3600_000 } as const;
export type Period = keyof typeof PERIODS;

export interface Cursor {
  at: string;
  id: string;
}

export interface ActivityFilters {
  outcomes?: ActivityOutcome[];
  /** Keyed hash of a searched phone number. */
  destinationHash?: string;
  /** An Okta user id or login, matched exactly (the login without regard to case). */
  oktaUser?: string;
  channel?: Channel;
  tokenId?: string;
  from?: Date;
  to?: Date;
}

/** `okta`: events Okta sent; `conversion`: the connector's own conversion checks. */
export const AUTH_EVENT_KINDS = ['okta', 'conversion'] as const;
export type AuthEventKind = (typeof AUTH_EVENT_KINDS)[number];

export interface AuthEventQuery {
  kind?: AuthEventKind;
  tokenId?: string;
  eventType?: string;
  from?: Date;
  to?: Date;
}

export interface PageQuery {
  limit: number;
  cursor: Cursor | null;
}

type Query = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_LIMIT = 200;

/** Collects every bad parameter and throws one 400 naming them all. */
class QueryReader {
  readonly errors: FieldError[] = [];
  constructor(private readonly query: Query) {}

  text(name: string): string | undefined {
    const raw = this.query[name];
    if (raw === undefined || raw === '') return undefined;
    if (typeof raw !== 'string') {
      this.errors.push({ field: name, message: `${name} must be given once` });
      return undefined;
    }
    return raw;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], normalise = (v: string) => v): T | undefined {
    const raw = this.text(name);
    if (raw === undefined) return undefined;
    const value = normalise(raw) as T;
    if (!allowed.includes(value)) this.errors.push({ field: name, message: `${name} must be one of ${allowed.join(', ')}` });
    return allowed.includes(value) ? value : undefined;
  }

  date(name: string): Date | undefined {
    const raw = this.text(name);
    if (raw === undefined) return undefined;
    const parsed = new Date(raw);
    if (Number.isNaN(parsed.getTime())) this.errors.push({ field: name, message: `${name} must be an ISO-8601 date-time` });
    return Number.isNaN(parsed.getTime()) ? undefined : parsed;
  }

  /** A comma-separated list, every item one of `allowed`. */
  listOf<T extends string>(name: string, allowed: readonly T[]): T[] | undefined {
    const raw = this.text(name);
    if (raw === undefined) return undefined;
    const items = raw.split(',').map((v) => v.trim().toUpperCase());
    const bad = items.filter((v) => !allowed.includes(v as T));
    if (bad.length > 0) this.errors.push({ field: name, message: `${name} accepts a comma-separated list of ${allowed.join(', ')}` });
    return bad.length > 0 ? undefined : [...new Set(items as T[])];
  }

  uuid(name: string): string | undefined {
    const raw = this.text(name);
    if (raw !== undefined && !UUID.test(raw)) this.errors.push({ field: name, message: `${name} must be a UUID` });
    return raw !== undefined && UUID.test(raw) ? raw : undefined;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.text(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.errors.push({ field: name, message: `${name} must be an integer from ${min} to ${max}` });
      return fallback;
    }
    return value;
  }

  cursor(name: string): Cursor | null {
    const raw = this.text(name);
    if (raw === undefined) return null;
    const [at, id] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
    if (!at || !id || !UUID.test(id) || Number.isNaN(new Date(at).getTime())) {
      this.errors.push({ field: name, message: `${name} is not a cursor returned by this API` });
      return null;
    }
    return { at, id };
  }

  done(): void {
    if (this.errors.length > 0) {
      throw new BadRequestException({ message: this.errors.map((e) => `${e.field}: ${e.message}`).join('; '), fields: this.errors });
    }
  }
}

export function encodeCursor(at: string, id: string): string {
  return Buffer.from(`${at}|${id}`, 'utf8').toString('base64url');
}

export function parsePeriod(query: Query): Period {
  const reader = new QueryReader(query);
  const period = reader.oneOf('period', Object.keys(PERIODS) as Period[]) ?? '24h';
  reader.done();
  return period;
}

/** Turns a search into what it can match: a number's keyed hash, or an Okta user id. */
export type SearchResolver = (query: string) => Pick<ActivityFilters, 'destinationHash' | 'oktaUser'>;

function readFilters(reader: QueryReader, resolveSearch: SearchResolver): ActivityFilters {
  const q = reader.text('q')?.trim();
  if (q && q.length > 200) reader.errors.push({ field: 'q', message: 'q must be at most 200 characters' });
  const filters: ActivityFilters = {
    ...(q && q.length <= 200 ? resolveSearch(q) : {}),
    outcomes: reader.listOf('outcome', ACTIVITY_OUTCOMES),
    channel: reader.oneOf('channel', CHANNELS, (v) => v.toUpperCase()),
    tokenId: reader.uuid('tokenId'),
    from: reader.date('from'),
    to: reader.date('to'),
  };
  if (filters.from && filters.to && filters.from >= filters.to) reader.errors.push({ field: 'to', message: 'to must be after from' });
  return filters;
}

export function parseActivityQuery(query: Query, resolveSearch: SearchResolver): { filters: ActivityFilters; page: PageQuery } {
  const reader = new QueryReader(query);
  const filters = readFilters(reader, resolveSearch);
  const page = { limit: reader.int('limit', 50, 1, MAX_LIMIT), cursor: reader.cursor('cursor') };
  reader.done();
  return { filters, page };
}

export function parseExportQuery(query: Query, resolveSearch: SearchResolver): ActivityFilters {
  const reader = new QueryReader(query);
  const filters = readFilters(reader, resolveSearch);
  reader.done();
  return filters;
}

export function parseAuthEventQuery(query: Query): { filters: AuthEventQuery; page: PageQuery } {
  const reader = new QueryReader(query);
  const filters = { kind: reader.oneOf('kind', AUTH_EVENT_KINDS), tokenId: reader.uuid('tokenId'), eventType: reader.text('eventType'), from: reader.date('from'), to: reader.date('to') };
  if (filters.eventType && filters.eventType.length > 200) reader.errors.push({ field: 'eventType', message: 'eventType is too long' });
  const page = { limit: reader.int('limit', 50, 1, MAX_LIMIT), cursor: reader.cursor('cursor') };
  reader.done();
  return { filters, page };
}
