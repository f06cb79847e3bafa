import { defaultPolicy } from './policy';
import { parsePolicy } from './policy-validation';
import { spendAlertThreshold } from './spend';

function errorFields(input: unknown): string[] {
  const result = parsePolicy(input);
  if (result.ok) throw new Error(`expected ${JSON.stringify(input)} to be refused`);
  return result.errors.map((e) => e.field);
}

describe('parsePolicy', () => {
  it('should give the defaults for a missing or empty policy', () => {
    expect(parsePolicy(undefined)).toEqual({ ok: true, policy: defaultPolicy() });
    expect(parsePolicy(null)).toEqual({ ok: true, policy: defaultPolicy() });
    expect(parsePolicy({})).toEqual({ ok: true, policy: defaultPolicy() });
  });

  it('should accept a complete valid policy and normalise country codes', () => {
    const result = parsePolicy({
      version: 1,
      insights: { enabled: true, formatValidity: true, originalCarrier: true, currentCarrier: true, allowedNetworkTypes: ['MOBILE', 'VIRTUAL'], onUnavailable: 'BLOCK' },
      countryAllowlist: ['gb', ' US '],
      onFlag: 'LOG_ONLY',
      rateLimit: { enabled: false, maxPerWindow: 1000 },
      brandName: "Acme & Co's",
      smsToVoiceFallback: true,
      expiresIn: 'never',
    });
    expect(result.ok && result.policy.countryAllowlist).toEqual(['GB', 'US']);
    expect(result.ok && result.policy.brandName).toBe("Acme & Co's");
  });

  it.each([['a string', 'policy'], [[1, 2], 'policy'], [42, 'policy']])('should refuse %p as a whole policy', (input, field) => {
    expect(errorFields(input)).toEqual([field]);
  });

  it('should name a field that is not part of the policy', () => {
    expect(errorFields({ expiresin: '7d' })).toEqual(['expiresin']);
  });

  it('should read a stored version 1 policy as version 2 with the new sections at their defaults', () => {
    const result = parsePolicy({ version: 1, countryAllowlist: ['GB'], onFlag: 'LOG_ONLY' });
    expect(result).toEqual({ ok: true, policy: { ...defaultPolicy(), countryAllowlist: ['GB'], onFlag: 'LOG_ONLY' } });
    expect(result.ok && result.policy.version).toBe(2);
    expect(result.ok && result.policy.fraudGuard).toEqual({ mode: 'ENFORCE', thresholds: {} });
    expect(result.ok && result.policy.refusalAnswer).toBe('NO_DELIVERY');
  });

  it('should keep only the fraud guard thresholds a token overrides', () => {
    const result = parsePolicy({ fraudGuard: { mode: 'SHADOW', thresholds: { numbersPerThousandBlock: 20, conversionWidening: 0.5, expiryMinutes: [5, 30] } } });
    expect(result.ok && result.policy.fraudGuard).toEqual({ mode: 'SHADOW', thresholds: { numbersPerThousandBlock: 20, conversionWidening: 0.5, expiryMinutes: [5, 30] } });
  });

  it.each([
    [{ mode: 'BLOCK' }, 'fraudGuard.mode'],
    [{ thresholds: { numbersPerThousandBlock: 1 } }, 'fraudGuard.thresholds.numbersPerThousandBlock'],
    [{ thresholds: { numbersPerThousandBlock: 6.5 } }, 'fraudGuard.thresholds.numbersPerThousandBlock'],
    [{ thresholds: { sendsPerIp: '9' } }, 'fraudGuard.thresholds.sendsPerIp'],
    [{ thresholds: { expiryMinutes: [60, 15] } }, 'fraudGuard.thresholds.expiryMinutes'],
    [{ thresholds: { expiryMinutes: [] } }, 'fraudGuard.thresholds.expiryMinutes'],
    [{ thresholds: { perBlock: 3 } }, 'fraudGuard.thresholds.perBlock'],
    [{ thresholds: 5 }, 'fraudGuard.thresholds'],
    [{ enabled: true }, 'fraudGuard.enabled'],
    ['ENFORCE', 'fraudGuard'],
  ])('should refuse fraudGuard %p naming %s', (fraudGuard, field) => {
    expect(errorFields({ fraudGuard })).toEqual([field]);
  });

  it.each(['RETRY', null, 1])('should refuse refusalAnswer %p', (value) => {
    expect(errorFields({ refusalAnswer: value })).toEqual(['refusalAnswer']);
  });

  it.each(['no', 0, null])('should refuse allowNonGeographicNumbers %p', (value) => {
    expect(errorFields({ allowNonGeographicNumbers: value })).toEqual(['allowNonGeographicNumbers']);
  });

  it.each([0, 3, '1'])('should refuse version %p', (version) => {
    expect(errorFields({ version })).toEqual(['version']);
  });

  it.each([null, 'yes', [], 1])('should refuse insights %p that is not an object', (insights) => {
    expect(errorFields({ insights })).toEqual(['insights']);
  });

  it.each(['enabled', 'formatValidity', 'originalCarrier', 'currentCarrier'])('should refuse a non-boolean insights.%s', (flag) => {
    for (const bad of ['true', 1, null]) expect(errorFields({ insights: { [flag]: bad } })).toEqual([`insights.${flag}`]);
  });

  it.each(['MOBILE', [['MOBILE']], ['MOBILE', 'SATELLITE'], ['mobile']])('should refuse insights.allowedNetworkTypes %p', (value) => {
    expect(errorFields({ insights: { allowedNetworkTypes: value } })).toEqual(['insights.allowedNetworkTypes']);
  });

  it.each(['DELIVER', 'block', 1])('should refuse insights.onUnavailable %p', (value) => {
    expect(errorFields({ insights: { onUnavailable: value } })).toEqual(['insights.onUnavailable']);
  });

  it.each(['GB', [42], ['UK'], ['GBR'], ['XX', 'GB']])('should refuse countryAllowlist %p', (value) => {
    expect(errorFields({ countryAllowlist: value })).toEqual(['countryAllowlist']);
  });

  it.each(['block', 'DELIVER', null, 3])('should refuse onFlag %p', (value) => {
    expect(errorFields({ onFlag: value })).toEqual(['onFlag']);
  });

  it.each([5, 'on', null])('should refuse rateLimit %p that is not an object', (value) => {
    expect(errorFields({ rateLimit: value })).toEqual(['rateLimit']);
  });

  it('should refuse a non-boolean rateLimit.enabled', () => {
    expect(errorFields({ rateLimit: { enabled: 'no' } })).toEqual(['rateLimit.enabled']);
  });

  it.each([0, -1, 1001, 2.5, '5', true])('should refuse rateLimit.maxPerWindow %p', (value) => {
    expect(errorFields({ rateLimit: { enabled: true, maxPerWindow: value } })).toEqual(['rateLimit.maxPerWindow']);
  });

  it.each([42, true, 'A'.repeat(17), 'Acme<script>', 'Acme!'])('should refuse brandName %p', (value) => {
    expect(errorFields({ brandName: value })).toEqual(['brandName']);
  });

  it.each(['true', 0, null])('should refuse smsToVoiceFallback %p', (value) => {
    expect(errorFields({ smsToVoiceFallback: value })).toEqual(['smsToVoiceFallback']);
  });

  it.each(['1d', '90D', 90, null, 'forever'])('should refuse expiresIn %p', (value) => {
    expect(errorFields({ expiresIn: value })).toEqual(['expiresIn']);
  });

  it('should report every bad field at once', () => {
    expect(errorFields({ onFlag: 'x', expiresIn: 'y', rateLimit: { maxPerWindow: 0 } }).sort()).toEqual(['expiresIn', 'onFlag', 'rateLimit.maxPerWindow']);
  });
});

describe('parsePolicy: oauth', () => {
  it('should leave oauth out unless given, and keep issuer, audience and scope when given', () => {
    expect(parsePolicy({})).toMatchObject({ ok: true, policy: expect.not.objectContaining({ oauth: expect.anything() }) });
    const oauth = { issuer: 'https://example.okta.com/oauth2/default', audience: 'api://connector', scope: 'okta.telephony.hooks' };
    expect(parsePolicy({ oauth })).toMatchObject({ ok: true, policy: { oauth } });
  });

  it('should name each bad oauth field', () => {
    const result = parsePolicy({ oauth: { issuer: 'not a url', audience: '', scope: 42 } });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => e.field)).toEqual(['oauth.issuer', 'oauth.audience', 'oauth.scope']);
    expect(parsePolicy({ oauth: { issuer: 'ftp://example.com', audience: 'a', scope: 's' } })).toMatchObject({ ok: false, errors: [{ field: 'oauth.issuer', message: 'oauth.issuer must be an http(s) URL' }] });
    expect(parsePolicy({ oauth: 'yes' })).toMatchObject({ ok: false, errors: [{ field: 'oauth' }] });
  });
});

describe('parsePolicy: spend', () => {
  it('should leave a policy without spend limits when the section is absent, null or empty of amounts', () => {
    for (const spend of [undefined, null, { monthlyCap: null, alertAt: null }]) {
      const result = parsePolicy({ spend });
      expect(result.ok && result.policy.spend).toBeUndefined();
    }
  });

  it('should accept a monthly cap with the alert at 80 % of it by default, or an alert alone', () => {
    const capped = parsePolicy({ spend: { monthlyCap: 250 } });
    expect(capped.ok && capped.policy.spend).toEqual({ monthlyCap: 250, alertAt: null });
    expect(capped.ok && spendAlertThreshold(capped.policy.spend)).toBe(200);
    const alertOnly = parsePolicy({ spend: { alertAt: 40 } });
    expect(alertOnly.ok && alertOnly.policy.spend).toEqual({ monthlyCap: null, alertAt: 40 });
    expect(alertOnly.ok && spendAlertThreshold(alertOnly.policy.spend)).toBe(40);
  });

  it('should name the spend field that is wrong', () => {
    expect(errorFields({ spend: 12 })).toEqual(['spend']);
    expect(errorFields({ spend: { monthlyCap: 0 } })).toEqual(['spend.monthlyCap']);
    expect(errorFields({ spend: { monthlyCap: '50' } })).toEqual(['spend.monthlyCap']);
    expect(errorFields({ spend: { monthlyCap: 50, alertAt: 60 } })).toEqual(['spend.alertAt']);
    expect(errorFields({ spend: { cap: 50 } })).toEqual(['spend.cap']);
  });
});
