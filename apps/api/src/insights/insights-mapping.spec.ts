import { readFileSync } from 'fs';
import { join } from 'path';
import { toInsightStatus, toNetworkType, toNumberInsights } from './insights-mapping';

// Recorded vendor bodies, copied verbatim from the team's contracts.
const EXAMPLES = join(__dirname, '../../test/fixtures/vonage');
const fixture = (name: string): unknown => JSON.parse(readFileSync(join(EXAMPLES, name), 'utf8'));

describe('toInsightStatus', () => {
  it.each([
    ['OK', 'OK'],
    ['ok', 'OK'],
    ['Partial_Success', 'PARTIAL_SUCCESS'],
    ['invalid_number_format', 'INVALID_NUMBER_FORMAT'],
    ['NO_COVERAGE', 'NO_COVERAGE'],
    ['not_found', 'NOT_FOUND'],
    ['UNAUTHORIZED', 'UNAUTHORIZED'],
    ['INVALID_PURPOSE', 'INVALID_PURPOSE'],
    ['supplier_error', 'SUPPLIER_ERROR'],
    ['INTERNAL_ERROR', 'INTERNAL_ERROR'],
    ['SOMETHING_NEW', 'UNKNOWN'],
    ['', 'UNKNOWN'],
    [undefined, 'UNKNOWN'],
    [42, 'UNKNOWN'],
  ])('should map %p to %s', (code, status) => {
    expect(toInsightStatus(code)).toBe(status);
  });
});

describe('toNetworkType', () => {
  it.each([
    ['MOBILE', 'MOBILE'],
    ['mobile', 'MOBILE'],
    ['Landline', 'LANDLINE'],
    ['TOLLFREE', 'TOLLFREE'],
    ['premium', 'PREMIUM'],
    ['VIRTUAL', 'VIRTUAL'],
    ['VOIP', 'UNKNOWN'],
    ['SATELLITE', 'UNKNOWN'],
    [7, 'UNKNOWN'],
    [undefined, null],
    [null, null],
    ['', null],
  ])('should map %p to %p', (value, type) => {
    expect(toNetworkType(value)).toBe(type);
  });
});

describe('toNumberInsights', () => {
  it('should map the recorded all-insights answer and ignore sim_swap', () => {
    expect(toNumberInsights(fixture('identity-insights.200.format-simswap-carriers.dotnet-fixture.json'))).toEqual({
      format: { status: 'OK', valid: true, country: 'US' },
      originalCarrier: { status: 'OK', name: 'Orange Espana, S.A. Unipersonal', networkType: 'MOBILE', country: 'ES' },
      currentCarrier: { status: 'OK', name: 'Orange Espana, S.A. Unipersonal', networkType: 'MOBILE', country: 'ES' },
    });
  });

  it('should tolerate missing fields', () => {
    expect(toNumberInsights(fixture('identity-insights.200.multiple-insights-response.java-fixture.json'))).toEqual({
      format: { status: 'OK', valid: true, country: 'US' },
      originalCarrier: { status: 'OK', name: 'Verizon Wireless', networkType: 'MOBILE', country: null },
    });
    expect(toNumberInsights({ insights: { format: {}, current_carrier: { status: 'nope' } } })).toEqual({
      format: { status: 'UNKNOWN', valid: null, country: null },
      currentCarrier: { status: 'UNKNOWN', name: null, networkType: null, country: null },
    });
  });

  it('should answer null for something that is not an insights answer', () => {
    expect(toNumberInsights(null)).toBeNull();
    expect(toNumberInsights('<html>')).toBeNull();
    expect(toNumberInsights(fixture('identity-insights.400.malformed-json.python-fixture.json'))).toBeNull();
  });
});
