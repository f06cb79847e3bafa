import { parsePhoneNumber } from '../common/phone-number';
import { countersOf, windowsOfScope } from './guard-counters';
import { refusableScopes, scopesOf } from './guard-scopes';

const hash = (value: string) => `h(${value})`;

describe('scopesOf', () => {
  it('should cut a number into its 100- and 1,000-number blocks, prefix and country, never keeping the full number in a label', () => {
    const scopes = scopesOf({ requestType: null, phone: parsePhoneNumber('+998901234567'), channel: 'SMS', ipAddress: '203.0.113.9', oktaUserId: '00u1', hash })!;
    expect(scopes.hundredBlock).toEqual({ kind: 'BLOCK', key: '9989012345xx', label: '+9989012345xx' });
    expect(scopes.thousandBlock).toEqual({ kind: 'BLOCK', key: '998901234xxx', label: '+998901234xxx' });
    expect(scopes.prefix).toEqual({ kind: 'PREFIX', key: '99890', label: '+99890…' });
    expect(scopes.country).toEqual({ kind: 'COUNTRY', key: 'UZ', label: 'UZ' });
    expect(scopes.number.key).toBe('h(n:998901234567)');
    expect(scopes.ip).toEqual({ kind: 'IP', key: 'h(ip:203.0.113.9)', label: '203.0.113.x' });
    expect(scopes.user).toEqual({ kind: 'USER', key: 'h(u:00u1)', label: '00u1' });
    expect(JSON.stringify(scopes)).not.toMatch(/\+998901234567/);
  });

  it('should take three national digits as the prefix of a +1 number (its area code)', () => {
    expect(scopesOf({ requestType: null, phone: parsePhoneNumber('+14155552671'), channel: 'SMS', ipAddress: null, oktaUserId: null, hash })!.prefix.key).toBe('1415');
  });

  it('should name a number of no country by its calling code', () => {
    expect(scopesOf({ requestType: null, phone: parsePhoneNumber('+882161234567'), channel: 'SMS', ipAddress: null, oktaUserId: null, hash })!.country.key).toBe('+882');
  });

  it.each(['127.0.0.1', '10.1.2.3', '192.168.0.4', '172.20.0.1', '::1', 'fd00::1', 'not-an-ip'])('should ignore the address %s, which says nothing about the end user', (ip) => {
    expect(scopesOf({ requestType: null, phone: parsePhoneNumber('+447400123456'), channel: 'SMS', ipAddress: ip, oktaUserId: null, hash })!.ip).toBeNull();
  });

  it('should give nothing to count for an invalid number', () => {
    expect(scopesOf({ requestType: null, phone: parsePhoneNumber('9876543210'), channel: 'SMS', ipAddress: null, oktaUserId: null, hash })).toBeNull();
  });

  it('should tell numbers typed in for enrollment from enrolled factors', () => {
    const of = (requestType: string | null) => scopesOf({ requestType, phone: parsePhoneNumber('+447400123456'), channel: 'SMS', ipAddress: null, oktaUserId: null, hash })!.newNumber;
    expect(of('com.okta.user.telephony.pre-enrollment')).toBe(true);
    expect(of(null)).toBe(true);
    expect(of('com.okta.user.telephony.something-new')).toBe(true);
    expect(of('com.okta.user.telephony.mfa-verification')).toBe(false);
    expect(of('com.okta.user.telephony.password-reset')).toBe(false);
    expect(of('com.okta.user.telephony.account-unlock')).toBe(false);
  });

  it('should list the refusable scopes narrowest first', () => {
    const scopes = scopesOf({ requestType: null, phone: parsePhoneNumber('+447400123456'), channel: 'SMS', ipAddress: '198.51.100.7', oktaUserId: 'u', hash })!;
    expect(refusableScopes(scopes).map((s) => s.kind)).toEqual(['NUMBER', 'BLOCK', 'BLOCK', 'PREFIX', 'COUNTRY', 'IP', 'USER']);
  });
});

describe('windowsOfScope', () => {
  const scopes = scopesOf({ requestType: null, phone: parsePhoneNumber('+998901234567'), channel: 'VOICE', ipAddress: null, oktaUserId: null, hash })!;
  const blockWindows = countersOf(scopes, 'attempt-1')
    .filter((counter) => ['hundredBlock', 'thousandBlock', 'voiceBlock'].includes(counter.name))
    .map(({ name, key }) => ({ name, key }));

  it.each([
    ['its 100-number block', scopes.hundredBlock.key],
    ['its 1,000-number block', scopes.thousandBlock.key],
  ])('should empty every block window a send filled when %s is lifted', (_, key) => {
    expect(windowsOfScope('BLOCK', key)).toEqual(expect.arrayContaining(blockWindows));
  });

  it('should empty the ten 100-number blocks of a lifted 1,000-number block, and no other block', () => {
    const windows = windowsOfScope('BLOCK', '998901234xxx');
    expect(windows.filter((w) => w.name === 'hundredBlock').map((w) => w.key)).toEqual([...'0123456789'].map((d) => `998901234${d}xx`));
    expect(windows.filter((w) => w.name !== 'hundredBlock').map((w) => w.key)).toEqual(['998901234xxx', '998901234xxx']);
  });
});
