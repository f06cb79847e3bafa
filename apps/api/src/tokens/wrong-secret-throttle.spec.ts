import { WRONG_SECRET_LIMIT, WRONG_SECRET_WINDOW_MS, WrongSecretThrottle } from './wrong-secret-throttle';

describe('WrongSecretThrottle', () => {
  let now = 1_000_000;
  const throttle = () => new WrongSecretThrottle(() => now);

  it('should hold an address back only once it reached the limit, and only until its window ends', () => {
    const t = throttle();
    for (let i = 0; i < WRONG_SECRET_LIMIT - 1; i++) t.failed('203.0.113.9');
    expect(t.retryAfterSeconds('203.0.113.9', 'x')).toBe(0);
    t.failed('203.0.113.9');
    expect(t.retryAfterSeconds('203.0.113.9', 'x')).toBe(60);
    expect(t.retryAfterSeconds('203.0.113.10', 'x')).toBe(0);
    now += WRONG_SECRET_WINDOW_MS;
    expect(t.retryAfterSeconds('203.0.113.9', 'x')).toBe(0);
  });

  it('should let a header value that succeeded recently through a held-back address', () => {
    const t = throttle();
    t.succeeded('Bearer good');
    for (let i = 0; i < WRONG_SECRET_LIMIT; i++) t.failed('198.51.100.1');
    expect(t.retryAfterSeconds('198.51.100.1', 'Bearer good')).toBe(0);
    expect(t.retryAfterSeconds('198.51.100.1', 'Bearer other')).toBeGreaterThan(0);
    expect(t.retryAfterSeconds('198.51.100.1', undefined)).toBeGreaterThan(0);
  });
});
