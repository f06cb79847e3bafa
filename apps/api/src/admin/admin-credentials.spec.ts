import { timingSafeEqual } from 'crypto';
import { credentialsMatch } from './admin-credentials';

jest.mock('crypto', () => {
  const actual = jest.requireActual<typeof import('crypto')>('crypto');
  return { ...actual, timingSafeEqual: jest.fn(actual.timingSafeEqual) };
});

const EXPECTED = { apiKey: 'sandbox-1a2b3c4d', apiSecret: 'S3cr3t-value-of-24-chars' };

describe('credentialsMatch', () => {
  beforeEach(() => jest.mocked(timingSafeEqual).mockClear());

  it('should accept exactly the configured key and secret', () => {
    expect(credentialsMatch({ ...EXPECTED }, EXPECTED)).toBe(true);
  });

  it.each([
    ['a wrong key', { ...EXPECTED, apiKey: 'sandbox-00000000' }],
    ['a wrong secret', { ...EXPECTED, apiSecret: 'S3cr3t-value-of-24-charX' }],
    ['a secret of another length', { ...EXPECTED, apiSecret: 'S3' }],
    ['both swapped', { apiKey: EXPECTED.apiSecret, apiSecret: EXPECTED.apiKey }],
    ['empty values', { apiKey: '', apiSecret: '' }],
  ])('should refuse %s', (_, given) => {
    expect(credentialsMatch(given, EXPECTED)).toBe(false);
  });

  it('should refuse empty credentials even when the instance has none configured', () => {
    expect(credentialsMatch({ apiKey: '', apiSecret: '' }, { apiKey: '', apiSecret: '' })).toBe(false);
  });

  it('should compare both halves with timingSafeEqual on equal-length digests, even when the key is already wrong', () => {
    const spy = jest.mocked(timingSafeEqual);
    credentialsMatch({ apiKey: 'x', apiSecret: 'a much longer guess than the real secret' }, EXPECTED);
    expect(spy).toHaveBeenCalledTimes(2);
    for (const [left, right] of spy.mock.calls) {
      expect((left as Buffer).length).toBe(32);
      expect((right as Buffer).length).toBe(32);
    }
  });
});
