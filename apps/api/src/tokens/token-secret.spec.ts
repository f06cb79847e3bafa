import { createHash } from 'crypto';
import { generateTokenSecret, hashTokenSecret, secretCandidates } from './token-secret';

describe('token secrets', () => {
  it('should start with the recognisable prefix and carry 256 random bits', () => {
    const secret = generateTokenSecret();
    expect(secret).toMatch(/^otc_[A-Za-z0-9_-]{43}$/);
    expect(generateTokenSecret()).not.toBe(secret);
  });

  it('should be stored as its SHA-256 hex digest, never as itself', () => {
    const secret = generateTokenSecret();
    const hash = hashTokenSecret(secret);
    expect(hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(hash).not.toContain(secret.slice(4));
  });

  it.each([
    ['otc_abc123', ['otc_abc123']],
    ['Bearer otc_abc123', ['otc_abc123', 'Bearer otc_abc123']],
    ['basic   otc_abc123 ', ['otc_abc123', 'basic   otc_abc123']],
    ['', []],
    [undefined, []],
  ])('should read the header value %p as the candidates %p', (header, expected) => {
    expect(secretCandidates(header)).toEqual(expected);
  });
});
