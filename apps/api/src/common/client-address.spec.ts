import { clientAddressOf } from './client-address';

describe('clientAddressOf', () => {
  it('should keep IPv4 and IPv6 addresses', () => {
    expect(clientAddressOf({ ip: '203.0.113.7' })).toBe('203.0.113.7');
    expect(clientAddressOf({ ip: '::ffff:203.0.113.7' })).toBe('::ffff:203.0.113.7');
    expect(clientAddressOf({ ip: '2001:db8::1' })).toBe('2001:db8::1');
  });

  it.each([['text', 'not-an-address'], ['a long value', `1.2.3.4${'x'.repeat(100)}`], ['a missing ip', undefined], ['an injection', "1.1.1.1'; --"]])('should give null for %s', (_, ip) => {
    expect(clientAddressOf({ ip })).toBeNull();
  });
});
