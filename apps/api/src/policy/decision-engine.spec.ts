import { FlagAction, InsightsFailureAction, ReasonCode, TokenPolicy, defaultPolicy } from '@otc/contracts';
import type { CarrierInsight, NumberInsights } from '../insights/number-insights.client';
import type { PhoneNumberFacts } from '../common/phone-number';
import { DecisionInput, InsightsOutcome, decide } from './decision-engine';
import type { RateLimitOutcome } from './rate-limiter';

const GB_MOBILE: PhoneNumberFacts = { valid: true, e164: '+447400123456', digits: '447400123456', country: 'GB', numberType: 'MOBILE', callingCode: '44' };
const INVALID: PhoneNumberFacts = { valid: false, e164: null, digits: null, country: null, numberType: null, callingCode: null };
const SATELLITE: PhoneNumberFacts = { valid: true, e164: '+8816212345678', digits: '8816212345678', country: null, numberType: 'MOBILE', callingCode: '881' };
const US_NUMBER: PhoneNumberFacts = { valid: true, e164: '+14155552671', digits: '14155552671', country: 'US', numberType: 'FIXED_LINE_OR_MOBILE', callingCode: '1' };

function policy(overrides: Partial<TokenPolicy> = {}, insights: Partial<TokenPolicy['insights']> = {}): TokenPolicy {
  const base = defaultPolicy();
  return {
    ...base,
    ...overrides,
    insights: { ...base.insights, formatValidity: true, originalCarrier: true, currentCarrier: true, allowedNetworkTypes: ['MOBILE'], ...insights },
  };
}

function carrier(overrides: Partial<CarrierInsight> = {}): CarrierInsight {
  return { status: 'OK', name: 'EE', networkType: 'MOBILE', country: 'GB', ...overrides };
}

function clean(overrides: NumberInsights = {}): NumberInsights {
  return { format: { status: 'OK', valid: true, country: 'GB' }, originalCarrier: carrier(), currentCarrier: carrier(), ...overrides };
}

const ok = (insights: NumberInsights): InsightsOutcome => ({ kind: 'ok', insights, elapsedMs: 42 });
const ALLOWED: RateLimitOutcome = { kind: 'allowed', count: 1 };

function input(overrides: Partial<DecisionInput> = {}): DecisionInput {
  return { policy: policy(), number: GB_MOBILE, insights: ok(clean()), rateLimit: ALLOWED, ...overrides };
}

const codes = (d: { flags: { code: ReasonCode }[] }): ReasonCode[] => d.flags.map((f) => f.code);

describe('decide', () => {
  it('should deliver a clean number as SUCCESS/DELIVERED with its facts', () => {
    expect(decide(input())).toEqual({
      deliver: true,
      status: 'SUCCESS',
      reasonCode: 'DELIVERED',
      flags: [],
      facts: { country: 'GB', networkType: 'MOBILE', carrier: 'EE', insightsMs: 42 },
    });
  });

  describe('each screening check under each onFlag action', () => {
    const checks: [ReasonCode, (onFlag: FlagAction) => DecisionInput][] = [
      ['INVALID_FORMAT', (onFlag) => input({ policy: policy({ onFlag }), insights: ok(clean({ format: { status: 'OK', valid: false, country: 'GB' } })) })],
      ['NETWORK_TYPE_NOT_ALLOWED', (onFlag) => input({ policy: policy({ onFlag }), insights: ok(clean({ currentCarrier: carrier({ networkType: 'VIRTUAL' }) })) })],
      [
        'CARRIER_UNKNOWN',
        (onFlag) =>
          input({
            policy: policy({ onFlag }),
            insights: ok(clean({ originalCarrier: carrier({ status: 'NOT_FOUND', name: null, networkType: null }), currentCarrier: carrier({ status: 'NO_COVERAGE', name: null, networkType: null }) })),
          }),
      ],
    ];
    const actions: [FlagAction, { deliver: boolean; status: string; primary: 'flag' | 'DELIVERED' }][] = [
      ['BLOCK', { deliver: false, status: 'BLOCKED', primary: 'flag' }],
      ['FLAG_AND_DELIVER', { deliver: true, status: 'FLAGGED', primary: 'flag' }],
      ['LOG_ONLY', { deliver: true, status: 'SUCCESS', primary: 'DELIVERED' }],
    ];
    const table = checks.flatMap(([code, build]) => actions.map(([action, expected]) => [code, action, expected, build] as const));

    it.each(table)('should turn %s under %s into the expected decision', (code, action, expected, build) => {
      const decision = decide(build(action));
      expect(decision).toMatchObject({ deliver: expected.deliver, status: expected.status, reasonCode: expected.primary === 'flag' ? code : 'DELIVERED' });
      // LOG_ONLY keeps the finding in the record.
      expect(codes(decision)).toContain(code);
    });
  });

  describe('an invalid number', () => {
    it.each<RateLimitOutcome>([ALLOWED, { kind: 'exceeded', count: 9 }, { kind: 'unavailable', cause: 'down' }, { kind: 'disabled' }])(
      'should be BLOCKED as INVALID_NUMBER whatever the rate limit says (%p)',
      (rateLimit) => {
        for (const onFlag of ['BLOCK', 'FLAG_AND_DELIVER', 'LOG_ONLY'] as const) {
          const decision = decide(input({ policy: policy({ onFlag, countryAllowlist: ['US'] }), number: INVALID, insights: { kind: 'skipped' }, rateLimit }));
          expect(decision).toMatchObject({ deliver: false, status: 'BLOCKED', reasonCode: 'INVALID_NUMBER', flags: [{ code: 'INVALID_NUMBER' }] });
        }
      },
    );
  });

  describe('the rate limit', () => {
    it.each<FlagAction>(['BLOCK', 'FLAG_AND_DELIVER', 'LOG_ONLY'])('should block when exceeded, even under %s', (onFlag) => {
      const decision = decide(input({ policy: policy({ onFlag }), rateLimit: { kind: 'exceeded', count: 5 } }));
      expect(decision).toMatchObject({ deliver: false, status: 'BLOCKED', reasonCode: 'RATE_LIMITED', flags: [{ code: 'RATE_LIMITED', detail: '5/5 in window' }] });
    });

    it.each<FlagAction>(['BLOCK', 'FLAG_AND_DELIVER', 'LOG_ONLY'])('should fail open, FLAGGED, when its store is unavailable under %s', (onFlag) => {
      const decision = decide(input({ policy: policy({ onFlag }), rateLimit: { kind: 'unavailable', cause: 'ECONNREFUSED' } }));
      expect(decision).toMatchObject({ deliver: true, status: 'FLAGGED', reasonCode: 'RATE_LIMIT_UNAVAILABLE', flags: [{ code: 'RATE_LIMIT_UNAVAILABLE', detail: 'ECONNREFUSED' }] });
    });

    it('should say nothing when disabled', () => {
      expect(decide(input({ rateLimit: { kind: 'disabled' } })).status).toBe('SUCCESS');
    });
  });

  describe('Insights unavailable', () => {
    const outcomes: [string, InsightsOutcome][] = [
      ['a timeout', { kind: 'unavailable', cause: 'timeout after 800 ms', elapsedMs: 800 }],
      ['a failed insight', ok(clean({ currentCarrier: carrier({ status: 'SUPPLIER_ERROR', networkType: null }) }))],
      ['an unknown status', ok(clean({ format: { status: 'UNKNOWN', valid: null, country: null } }))],
      ['a missing insight', ok({ format: { status: 'OK', valid: true, country: 'GB' }, originalCarrier: carrier() })],
    ];
    const table = outcomes.flatMap(([name, outcome]) =>
      (['DELIVER_AND_FLAG', 'BLOCK'] as InsightsFailureAction[]).flatMap((onUnavailable) =>
        (['BLOCK', 'FLAG_AND_DELIVER', 'LOG_ONLY'] as FlagAction[]).map((onFlag) => [name, onUnavailable, onFlag, outcome] as const),
      ),
    );

    it.each(table)('should treat %s under onUnavailable=%s (onFlag=%s) as that action says', (_name, onUnavailable, onFlag, outcome) => {
      const decision = decide(input({ policy: policy({ onFlag }, { onUnavailable }), insights: outcome }));
      expect(decision).toMatchObject(
        onUnavailable === 'BLOCK'
          ? { deliver: false, status: 'BLOCKED', reasonCode: 'INSIGHTS_UNAVAILABLE' }
          : { deliver: true, status: 'FLAGGED', reasonCode: 'INSIGHTS_UNAVAILABLE' },
      );
      expect(codes(decision)).toEqual(['INSIGHTS_UNAVAILABLE']);
    });

    it('should record the cause and the time spent', () => {
      const decision = decide(input({ insights: { kind: 'unavailable', cause: 'http 503', elapsedMs: 120 } }));
      expect(decision.flags).toEqual([{ code: 'INSIGHTS_UNAVAILABLE', detail: 'http 503' }]);
      // The numbering plan still types the number when the paid lookup fails.
      expect(decision.facts).toEqual({ country: 'GB', networkType: 'MOBILE', carrier: null, insightsMs: 120 });
    });

    it('should not record a phone number that a vendor error text echoes, but keep the rest of the cause', () => {
      const cause = 'http 422: Invalid params - phone_number 447400123456 (+44 7400 123456) is not valid';
      const decision = decide(input({ insights: { kind: 'unavailable', cause, elapsedMs: 90 } }));
      expect(decision.flags).toEqual([{ code: 'INSIGHTS_UNAVAILABLE', detail: 'http 422: Invalid params - phone_number [number] ([number]) is not valid' }]);
      expect(JSON.stringify(decision)).not.toMatch(/7400/);
    });

    it('should keep short numbers in a cause such as a timeout, a status or an address', () => {
      const cause = 'network: connect ECONNREFUSED 127.0.0.1:6379 after 700 ms';
      const decision = decide(input({ insights: { kind: 'unavailable', cause, elapsedMs: 700 } }));
      expect(decision.flags[0].detail).toBe(cause);
    });
  });

  describe('precedence', () => {
    it('should name the country boundary before RATE_LIMITED and keep both', () => {
      const decision = decide(input({ policy: policy({ onFlag: 'BLOCK', countryAllowlist: ['US'] }), rateLimit: { kind: 'exceeded', count: 6 } }));
      expect(decision).toMatchObject({ status: 'BLOCKED', reasonCode: 'COUNTRY_NOT_ALLOWED' });
      expect(codes(decision)).toEqual(['COUNTRY_NOT_ALLOWED', 'RATE_LIMITED']);
    });

    it('should name RATE_LIMITED before a blocking screening flag and keep both', () => {
      const insights = ok(clean({ currentCarrier: carrier({ networkType: 'VIRTUAL' }) }));
      const decision = decide(input({ policy: policy({ onFlag: 'BLOCK' }), insights, rateLimit: { kind: 'exceeded', count: 6 } }));
      expect(decision).toMatchObject({ status: 'BLOCKED', reasonCode: 'RATE_LIMITED' });
      expect(codes(decision)).toEqual(['RATE_LIMITED', 'NETWORK_TYPE_NOT_ALLOWED']);
    });

    it('should order flags country, format, network type, carrier', () => {
      const insights = ok(clean({ format: { status: 'INVALID_NUMBER_FORMAT', valid: null, country: null }, currentCarrier: carrier({ networkType: 'VIRTUAL' }) }));
      const decision = decide(input({ policy: policy({ countryAllowlist: ['US'] }), insights }));
      expect(decision.reasonCode).toBe('COUNTRY_NOT_ALLOWED');
      expect(codes(decision)).toEqual(['COUNTRY_NOT_ALLOWED', 'INVALID_FORMAT', 'NETWORK_TYPE_NOT_ALLOWED']);
    });

    it('should let a blocking INSIGHTS_UNAVAILABLE win over a flag that only marks amber', () => {
      const insights = ok(clean({ originalCarrier: carrier({ status: 'INTERNAL_ERROR' }), currentCarrier: carrier({ networkType: 'VIRTUAL' }) }));
      const decision = decide(input({ policy: policy({ onFlag: 'FLAG_AND_DELIVER' }, { onUnavailable: 'BLOCK' }), insights }));
      expect(decision).toMatchObject({ deliver: false, status: 'BLOCKED', reasonCode: 'INSIGHTS_UNAVAILABLE' });
      expect(codes(decision)).toEqual(['NETWORK_TYPE_NOT_ALLOWED', 'INSIGHTS_UNAVAILABLE']);
    });

    it('should name a blocking screening flag before a blocking INSIGHTS_UNAVAILABLE', () => {
      const insights = ok(clean({ originalCarrier: carrier({ status: 'INTERNAL_ERROR' }), currentCarrier: carrier({ networkType: 'VIRTUAL' }) }));
      const decision = decide(input({ policy: policy({ onFlag: 'BLOCK' }, { onUnavailable: 'BLOCK' }), insights }));
      expect(decision.reasonCode).toBe('NETWORK_TYPE_NOT_ALLOWED');
    });

    it('should name an amber screening flag before INSIGHTS_UNAVAILABLE and RATE_LIMIT_UNAVAILABLE', () => {
      const number = { ...GB_MOBILE, numberType: 'VOIP' };
      const decision = decide(input({ number, insights: { kind: 'unavailable', cause: 'timeout', elapsedMs: 1 }, rateLimit: { kind: 'unavailable', cause: 'x' } }));
      expect(decision).toMatchObject({ deliver: true, status: 'FLAGGED', reasonCode: 'NETWORK_TYPE_NOT_ALLOWED' });
      expect(codes(decision)).toEqual(['NETWORK_TYPE_NOT_ALLOWED', 'INSIGHTS_UNAVAILABLE', 'RATE_LIMIT_UNAVAILABLE']);
    });

    it('should still flag an unavailable Insights amber when screening findings are LOG_ONLY', () => {
      const number = { ...GB_MOBILE, numberType: 'VOIP' };
      const decision = decide(input({ policy: policy({ onFlag: 'LOG_ONLY' }), number, insights: { kind: 'unavailable', cause: 't', elapsedMs: 1 } }));
      expect(decision).toMatchObject({ deliver: true, status: 'FLAGGED', reasonCode: 'INSIGHTS_UNAVAILABLE' });
    });
  });

  describe('country allowlist', () => {
    it('should allow a listed country, case-insensitively', () => {
      expect(decide(input({ policy: policy({ countryAllowlist: ['gb'] }) })).status).toBe('SUCCESS');
    });

    it.each(['BLOCK', 'FLAG_AND_DELIVER', 'LOG_ONLY'] as const)('should never deliver outside the allowlist, also under %s', (onFlag) => {
      const decision = decide(input({ policy: policy({ onFlag, countryAllowlist: ['US', 'CA'] }, { enabled: false }), insights: { kind: 'skipped' } }));
      expect(decision).toMatchObject({ deliver: false, status: 'BLOCKED', reasonCode: 'COUNTRY_NOT_ALLOWED', flags: [{ code: 'COUNTRY_NOT_ALLOWED', detail: 'GB' }] });
    });

    it('should use the Insights format country when the local parse has none', () => {
      const number = { ...SATELLITE };
      const allowing = (countryAllowlist: string[]) => policy({ countryAllowlist, allowNonGeographicNumbers: true });
      const insights = ok(clean({ format: { status: 'OK', valid: true, country: 'GB' } }));
      expect(decide(input({ policy: allowing(['GB']), number, insights })).status).toBe('SUCCESS');
      expect(decide(input({ policy: allowing(['US']), number, insights })).flags).toEqual([{ code: 'COUNTRY_NOT_ALLOWED', detail: 'GB' }]);
    });

    it('should refuse a number whose country nobody knows when a list is set', () => {
      const decision = decide(input({ policy: policy({ countryAllowlist: ['GB'], allowNonGeographicNumbers: true }), number: SATELLITE, insights: { kind: 'skipped' } }));
      expect(decision).toMatchObject({ deliver: false, flags: [{ code: 'COUNTRY_NOT_ALLOWED', detail: 'country unknown' }] });
    });
  });

  describe('numbers of no country', () => {
    it.each(['BLOCK', 'FLAG_AND_DELIVER', 'LOG_ONLY'] as const)('should refuse them under %s unless the policy allows them', (onFlag) => {
      const decision = decide(input({ policy: policy({ onFlag }), number: SATELLITE, insights: { kind: 'skipped' } }));
      expect(decision).toMatchObject({ deliver: false, status: 'BLOCKED', reasonCode: 'NON_GEOGRAPHIC_NUMBER', flags: [{ code: 'NON_GEOGRAPHIC_NUMBER', detail: '+881' }] });
    });

    it('should deliver them when the policy allows them explicitly', () => {
      const decision = decide(input({ policy: policy({ allowNonGeographicNumbers: true }), number: SATELLITE, insights: { kind: 'skipped' } }));
      expect(decision).toMatchObject({ deliver: true, status: 'SUCCESS' });
    });
  });

  describe('network type from the numbering plan alone', () => {
    const free = (number: PhoneNumberFacts, allowedNetworkTypes: TokenPolicy['insights']['allowedNetworkTypes']) =>
      decide(input({ policy: policy({ onFlag: 'BLOCK' }, { enabled: false, allowedNetworkTypes }), number, insights: { kind: 'skipped' } }));

    it.each([
      ['VOIP', 'VIRTUAL'],
      ['PERSONAL_NUMBER', 'VIRTUAL'],
      ['VOICEMAIL', 'VIRTUAL'],
      ['PREMIUM_RATE', 'PREMIUM'],
      ['SHARED_COST', 'PREMIUM'],
      ['UAN', 'PREMIUM'],
      ['TOLL_FREE', 'TOLLFREE'],
      ['PAGER', 'PAGER'],
    ])('should refuse a %s number as %s without any paid lookup', (numberType, networkType) => {
      const decision = free({ ...GB_MOBILE, numberType }, ['MOBILE', 'LANDLINE']);
      expect(decision).toMatchObject({ deliver: false, reasonCode: 'NETWORK_TYPE_NOT_ALLOWED', facts: { networkType } });
    });

    it.each([[['MOBILE']], [['LANDLINE']], [['MOBILE', 'LANDLINE']]] as const)('should deliver a US number the plan cannot tell mobile from landline with %p allowed', (allowed) => {
      expect(free(US_NUMBER, [...allowed])).toMatchObject({ deliver: true, facts: { networkType: 'MOBILE_OR_LANDLINE' } });
    });

    it('should refuse the same US number when only VIRTUAL is allowed', () => {
      expect(free(US_NUMBER, ['VIRTUAL'])).toMatchObject({ deliver: false, reasonCode: 'NETWORK_TYPE_NOT_ALLOWED' });
    });

    it('should let a paid carrier lookup override the numbering plan', () => {
      const decision = decide(input({ policy: policy({ onFlag: 'BLOCK' }), number: { ...GB_MOBILE, numberType: 'VOIP' }, insights: ok(clean()) }));
      expect(decision).toMatchObject({ deliver: true, facts: { networkType: 'MOBILE' } });
    });
  });

  describe('network type', () => {
    it.each<[string, Partial<TokenPolicy['insights']>, NumberInsights, boolean]>([
      ['UNKNOWN with a non-empty list', {}, clean({ currentCarrier: carrier({ networkType: 'UNKNOWN' }) }), true],
      ['UNKNOWN with an empty list', { allowedNetworkTypes: [] }, clean({ currentCarrier: carrier({ networkType: 'UNKNOWN' }) }), false],
      ['VIRTUAL with an empty list', { allowedNetworkTypes: [] }, clean({ currentCarrier: carrier({ networkType: 'VIRTUAL' }) }), false],
      ['a listed type', { allowedNetworkTypes: ['MOBILE', 'VIRTUAL'] }, clean({ currentCarrier: carrier({ networkType: 'VIRTUAL' }) }), false],
      ['current over original', {}, clean({ originalCarrier: carrier({ networkType: 'LANDLINE' }) }), false],
      ['original when current is not asked', { currentCarrier: false }, clean({ originalCarrier: carrier({ networkType: 'LANDLINE' }) }), true],
      ['original when current has no type', {}, clean({ currentCarrier: carrier({ networkType: null }), originalCarrier: carrier({ networkType: 'PREMIUM' }) }), true],
      ['no carrier type at all', {}, clean({ currentCarrier: carrier({ networkType: null }), originalCarrier: carrier({ networkType: null }) }), false],
    ])('should judge %s', (_name, insightsPolicy, insights, flagged) => {
      const decision = decide(input({ policy: policy({}, insightsPolicy), insights: ok(insights) }));
      expect(codes(decision).includes('NETWORK_TYPE_NOT_ALLOWED')).toBe(flagged);
    });

    it('should report the carrier that decided in the facts', () => {
      const insights = clean({ currentCarrier: carrier({ status: 'NOT_FOUND', name: null, networkType: null }), originalCarrier: carrier({ name: 'BT', networkType: 'LANDLINE' }) });
      const decision = decide(input({ policy: policy({}, { allowedNetworkTypes: ['MOBILE', 'LANDLINE'] }), insights: ok(insights) }));
      expect(decision).toMatchObject({ status: 'SUCCESS', facts: { carrier: 'BT', networkType: 'LANDLINE' } });
    });
  });

  describe('format and carrier findings', () => {
    it('should ignore findings of insights the policy did not ask for', () => {
      const insights = clean({ format: { status: 'OK', valid: false, country: 'GB' }, originalCarrier: carrier({ networkType: 'VIRTUAL' }) });
      const decision = decide(input({ policy: policy({}, { formatValidity: false, originalCarrier: false, currentCarrier: false }), insights: ok(insights) }));
      expect(decision.status).toBe('SUCCESS');
    });

    it('should take INVALID_NUMBER_FORMAT from a carrier as an invalid format', () => {
      const decision = decide(input({ insights: ok(clean({ currentCarrier: carrier({ status: 'INVALID_NUMBER_FORMAT', networkType: null }) })) }));
      expect(codes(decision)).toEqual(['INVALID_FORMAT']);
    });

    it('should not call the carrier unknown when one asked-for carrier identified it', () => {
      const decision = decide(input({ insights: ok(clean({ currentCarrier: carrier({ status: 'NOT_FOUND', name: null, networkType: null }) })) }));
      expect(decision.flags).toEqual([]);
    });

    it('should not flag a format insight that found nothing', () => {
      expect(decide(input({ insights: ok(clean({ format: { status: 'NOT_FOUND', valid: null, country: null } })) })).flags).toEqual([]);
    });
  });
});
