import { hashPhoneNumber, maskParsedNumber, maskPhoneNumber, parsePhoneNumber } from './phone-number';

describe('parsePhoneNumber', () => {
  it.each([
    ['+14155550100', '+14155550100', 'US'],
    ['+14165550123', '+14165550123', 'CA'],
    ['+12125550123', '+12125550123', 'US'],
    ['+18765550123', '+18765550123', 'JM'],
    ['+447400123456', '+447400123456', 'GB'],
    ['447400123456', '+447400123456', 'GB'],
    ['0044 7400 123456', '+447400123456', 'GB'],
    ['+44 7400-123456', '+447400123456', 'GB'],
    ['+1 (416) 555-0123', '+14165550123', 'CA'],
    [' +49 151 1234 5678 ', '+4915112345678', 'DE'],
  ])('should read %s as %s in %s', (raw, e164, country) => {
    const facts = parsePhoneNumber(raw);
    expect(facts).toMatchObject({ valid: true, e164, digits: e164.slice(1), country });
  });

  it('should give the type from the full metadata', () => {
    expect(parsePhoneNumber('+447400123456').numberType).toBe('MOBILE');
    expect(parsePhoneNumber('+18005550100').numberType).toBe('TOLL_FREE');
  });

  it("should read Okta Preview's bare digits as international, country code first", () => {
    // 9876543210 is +98 (Iran) 76543210, too short to be valid there.
    expect(parsePhoneNumber('9876543210')).toEqual({ valid: false, e164: null, digits: null, country: null, numberType: null, callingCode: null });
  });

  it.each(['', '   ', 'abc', '+', '+1', '12', '+44 7400 12345a', '++447400123456', '+0044', '1'.repeat(30), 'null'])(
    'should answer invalid without throwing for %p',
    (raw) => {
      expect(parsePhoneNumber(raw).valid).toBe(false);
    },
  );

  it('should not throw on a non-string at runtime', () => {
    expect(parsePhoneNumber(undefined as unknown as string).valid).toBe(false);
  });
});

describe('maskPhoneNumber', () => {
  it.each([
    ['+447400123456', '+44•••••••56'],
    ['447400123456', '+44•••••••56'],
    ['+14165550123', '+1•••••••23'],
    ['9876543210', '+98•••••••10'],
    ['abc', '•••••••'],
    ['+123', '+1•••••••'],
    ['', '•••••••'],
  ])('should mask %p as %p', (raw, masked) => {
    expect(maskPhoneNumber(raw)).toBe(masked);
  });

  it('should never show more than the country code and the last 2 digits', () => {
    for (const raw of ['+447400123456', '+4915112345678', '+18765550123', '0033612345678', '9876543210', '12-34-56-78-90']) {
      const shown = maskPhoneNumber(raw).replace(/[^\d]/g, '');
      const digits = raw.replace(/\D/g, '').replace(/^00/, '');
      expect(shown.length).toBeLessThanOrEqual(5);
      expect(digits.startsWith(shown.slice(0, -2))).toBe(true);
      expect(digits.endsWith(shown.slice(-2))).toBe(true);
    }
  });
});

describe('maskParsedNumber', () => {
  it('should mask a parsed number as maskPhoneNumber masks the number as given', () => {
    for (const raw of ['+447400123456', '447400123456', '+14165550123', '+18765550123', '0033612345678', '+4412345', '9876543210', 'abc', '+123', '']) {
      const phone = parsePhoneNumber(raw);
      expect(maskParsedNumber(phone, raw)).toBe(maskPhoneNumber(phone.e164 ?? raw));
    }
  });
});

describe('hashPhoneNumber', () => {
  it('should be a keyed, stable hash that does not contain the number', () => {
    const a = hashPhoneNumber('447400123456', 'pepper');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(hashPhoneNumber('447400123456', 'pepper')).toBe(a);
    expect(hashPhoneNumber('447400123456', Buffer.from('other'))).not.toBe(a);
    expect(a).not.toContain('447400123456');
  });
});
