import { MAX_JSON_DEPTH, unusableJson } from './json-body-parser';

describe('unusableJson', () => {
  it('should accept ordinary bodies, including paired surrogates (emoji)', () => {
    expect(unusableJson({ name: 'Okta 📱', list: [1, 'two', { three: null }] })).toBeNull();
  });

  it.each([
    ['a NUL in a value', { a: 'x\u0000y' }, /NUL/],
    ['a NUL in a key', { ['k\u0000']: 1 }, /NUL/],
    ['a lone high surrogate', { eventId: { '': 'lone \ud800 surrogate' } }, /surrogate/],
    ['a lone low surrogate in a key', { ['\udc00']: 1 }, /surrogate/],
  ])('should refuse %s, which PostgreSQL cannot store', (_case, body, reason) => {
    expect(unusableJson(body)).toMatch(reason);
  });

  it('should refuse bodies nested deeper than the limit', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < MAX_JSON_DEPTH + 1; i++) deep = [deep];
    expect(unusableJson(deep)).toMatch(/nested more than/);
  });
});
