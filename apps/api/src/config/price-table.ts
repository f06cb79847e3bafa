import { existsSync, readFileSync } from 'fs';
import { resolve } from 'path';
import { ISO_COUNTRY_CODES, isObject } from '@otc/contracts';
import type { Channel } from '@otc/contracts';
import shipped from './prices/indicative-prices.json';

/** What one SMS message and one voice call (a one-minute OTP call) cost in a country. */
export interface ChannelPrices {
  sms: number;
  voice: number;
}

/**
 * Estimated prices per destination country (ISO 3166-1 alpha-2) and channel, in one currency, with
 * where they come from. Estimates only: the invoice is Vonage's.
 */
export interface PriceTable {
  currency: string;
  /** The date the prices were true of (YYYY-MM-DD). */
  asOf: string;
  source: string;
  /** PRICE_TABLE_FILE's path, or null for the shipped indicative table. */
  file: string | null;
  /** Countries not listed (and numbers of no country). */
  default: ChannelPrices;
  countries: ReadonlyMap<string, Partial<ChannelPrices>>;
}

const MAX_PRICE = 1000;
const TOP_LEVEL = new Set(['currency', 'asOf', 'source', 'default', 'countries']);

function readPrice(problems: string[], field: string, value: unknown, required: boolean): number | undefined {
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_PRICE) {
    problems.push(`${field} must be a price from 0 to ${MAX_PRICE} (got ${JSON.stringify(value) ?? 'nothing'})`);
    return undefined;
  }
  return value;
}

function readChannels(problems: string[], field: string, value: unknown, required: boolean): Partial<ChannelPrices> {
  if (!isObject(value)) {
    problems.push(`${field} must be an object {"sms": price, "voice": price}`);
    return {};
  }
  const before = problems.length;
  for (const key of Object.keys(value)) if (key !== 'sms' && key !== 'voice') problems.push(`${field}.${key} is not a channel (sms, voice)`);
  const prices = { sms: readPrice(problems, `${field}.sms`, value.sms, required), voice: readPrice(problems, `${field}.voice`, value.voice, required) };
  if (!required && prices.sms === undefined && prices.voice === undefined && problems.length === before) problems.push(`${field} must price sms, voice or both`);
  return Object.fromEntries(Object.entries(prices).filter(([, v]) => v !== undefined));
}

/**
 * Validates a price table document; every problem names its entry (`countries.XX.sms` ...).
 * Countries missing a channel fall back to the default's price for it.
 */
export function parsePriceTable(input: unknown, file: string | null): { table: PriceTable } | { problems: string[] } {
  const problems: string[] = [];
  if (!isObject(input)) return { problems: ['the document must be a JSON object {currency, asOf, source, default, countries}'] };
  for (const key of Object.keys(input)) if (!TOP_LEVEL.has(key)) problems.push(`${key} is not a price table field`);
  const currency = typeof input.currency === 'string' && /^[A-Z]{3}$/.test(input.currency) ? input.currency : null;
  if (!currency) problems.push('currency must be an ISO 4217 code such as EUR or USD');
  const asOf = typeof input.asOf === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(input.asOf) && !Number.isNaN(Date.parse(input.asOf)) ? input.asOf : null;
  if (!asOf) problems.push('asOf must be the date the prices are true of, YYYY-MM-DD');
  const source = typeof input.source === 'string' && input.source.trim().length > 0 && input.source.length <= 500 ? input.source.trim() : null;
  if (!source) problems.push('source must say where the prices come from (1 to 500 characters)');
  const fallback = readChannels(problems, 'default', input.default, true);
  const countries = new Map<string, Partial<ChannelPrices>>();
  if (!isObject(input.countries)) problems.push('countries must be an object keyed by ISO 3166-1 alpha-2 code');
  else {
    for (const [code, prices] of Object.entries(input.countries)) {
      if (!ISO_COUNTRY_CODES.has(code)) problems.push(`countries.${code} is not an ISO 3166-1 alpha-2 code (upper case)`);
      else countries.set(code, readChannels(problems, `countries.${code}`, prices, false));
    }
  }
  if (problems.length > 0) return { problems };
  return { table: { currency: currency!, asOf: asOf!, source: source!, file, default: fallback as ChannelPrices, countries } };
}

/** The shipped table, or PRICE_TABLE_FILE's: problems name the variable, the file and the bad entry. */
export function readPriceTable(path: string | undefined, problems: string[]): PriceTable {
  const shippedTable = parsePriceTable(shipped, null);
  if (!('table' in shippedTable)) throw new Error(`The shipped price table is invalid: ${shippedTable.problems.join('; ')}`);
  if (!path) return shippedTable.table;
  const file = resolve(path);
  const bad = (message: string) => {
    problems.push(`PRICE_TABLE_FILE (${file}): ${message}`);
    return shippedTable.table;
  };
  if (!existsSync(file)) return bad('no such file');
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return bad(`not JSON: ${(error as Error).message}`);
  }
  const parsed = parsePriceTable(document, file);
  if ('problems' in parsed) return bad(parsed.problems.join('; '));
  return parsed.table;
}

/** The estimated price of one send (an SMS message, or a voice call) to a country; the default for unknown or unlisted ones. */
export function unitPrice(table: PriceTable, country: string | null, channel: Channel): number {
  const listed = country ? table.countries.get(country) : undefined;
  const key = channel === 'SMS' ? 'sms' : 'voice';
  return listed?.[key] ?? table.default[key];
}
