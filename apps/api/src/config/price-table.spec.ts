import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ConfigError, loadConfig } from './load-config';
import { parsePriceTable, readPriceTable, unitPrice } from './price-table';

const VALID = {
  currency: 'USD',
  asOf: '2026-10-01',
  source: 'Our Vonage contract, schedule B',
  default: { sms: 0.05, voice: 0.1 },
  countries: { GB: { sms: 0.03, voice: 0.012 }, UZ: { sms: 0.21 } },
};

function problemsOf(input: unknown): string[] {
  const parsed = parsePriceTable(input, '/tmp/prices.json');
  if ('table' in parsed) throw new Error('expected the table to be refused');
  return parsed.problems;
}

function writeTable(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'otc-prices-')), 'prices.json');
  writeFileSync(file, content);
  return file;
}

describe('price table', () => {
  it('should ship an indicative table that states its currency, date and source, with a default and the pumping destinations priced high', () => {
    const table = readPriceTable(undefined, []);
    expect(table).toMatchObject({ currency: 'EUR', asOf: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), file: null, source: expect.stringMatching(/indicative/i) });
    expect(table.source).toMatch(/PRICE_TABLE_FILE/);
    for (const destination of ['UZ', 'KG', 'TJ', 'AZ', 'ID']) expect(unitPrice(table, destination, 'SMS')).toBeGreaterThanOrEqual(5 * unitPrice(table, 'GB', 'SMS'));
    for (const destination of ['CU', 'SO', 'SH', 'TV']) expect(unitPrice(table, destination, 'VOICE')).toBeGreaterThanOrEqual(1);
    expect(unitPrice(table, 'AQ', 'SMS')).toBe(table.default.sms);
  });

  it('should price a listed country per channel, fall back to the default for a channel it leaves out, and price unknown countries at the default', () => {
    const parsed = parsePriceTable(VALID, '/tmp/prices.json');
    if (!('table' in parsed)) throw new Error(parsed.problems.join('; '));
    expect(unitPrice(parsed.table, 'GB', 'SMS')).toBe(0.03);
    expect(unitPrice(parsed.table, 'GB', 'VOICE')).toBe(0.012);
    expect(unitPrice(parsed.table, 'UZ', 'VOICE')).toBe(0.1);
    expect(unitPrice(parsed.table, null, 'SMS')).toBe(0.05);
    expect(unitPrice(parsed.table, 'FR', 'VOICE')).toBe(0.1);
  });

  it('should name each bad entry', () => {
    expect(problemsOf({ ...VALID, countries: { GB: { sms: -1 }, uk: { sms: 0.1 }, FR: { fax: 1 }, DE: {} } })).toEqual([
      'countries.GB.sms must be a price from 0 to 1000 (got -1)',
      'countries.uk is not an ISO 3166-1 alpha-2 code (upper case)',
      'countries.FR.fax is not a channel (sms, voice)',
      'countries.DE must price sms, voice or both',
    ]);
    expect(problemsOf({ ...VALID, currency: 'euro', asOf: '1 Nov', source: '', default: { sms: 0.1 }, extra: 1 })).toEqual([
      'extra is not a price table field',
      'currency must be an ISO 4217 code such as EUR or USD',
      'asOf must be the date the prices are true of, YYYY-MM-DD',
      'source must say where the prices come from (1 to 500 characters)',
      'default.voice must be a price from 0 to 1000 (got nothing)',
    ]);
    expect(problemsOf([1])).toEqual(['the document must be a JSON object {currency, asOf, source, default, countries}']);
  });

  it('should use PRICE_TABLE_FILE instead of the shipped table, and fail boot naming the file and the bad entry', () => {
    const good = writeTable(JSON.stringify(VALID));
    const env = { DATA_DIR: mkdtempSync(join(tmpdir(), 'otc-data-')), PRICE_TABLE_FILE: good };
    expect(loadConfig(env).priceTable).toMatchObject({ currency: 'USD', file: good, source: 'Our Vonage contract, schedule B' });

    const bad = writeTable(JSON.stringify({ ...VALID, countries: { GB: { sms: 'cheap' } } }));
    expect(() => loadConfig({ ...env, PRICE_TABLE_FILE: bad })).toThrow(ConfigError);
    expect(() => loadConfig({ ...env, PRICE_TABLE_FILE: bad })).toThrow(`PRICE_TABLE_FILE (${bad}): countries.GB.sms must be a price from 0 to 1000 (got "cheap")`);
    const notJson = writeTable('{ "currency": ');
    expect(() => loadConfig({ ...env, PRICE_TABLE_FILE: notJson })).toThrow(new RegExp(`PRICE_TABLE_FILE \\(${notJson.replace(/[.]/g, '\\.')}\\): not JSON`));
    expect(() => loadConfig({ ...env, PRICE_TABLE_FILE: '/nonexistent/prices.json' })).toThrow('PRICE_TABLE_FILE (/nonexistent/prices.json): no such file');
  });
});
