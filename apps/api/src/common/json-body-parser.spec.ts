import Fastify from 'fastify';
import { CheckedJsonRequest, installJsonParser, MAX_JSON_DEPTH, mayHoldUnstorableText, unusableJson } from './json-body-parser';
import { findUnstorableText } from './storable';
import { MalformedBody } from './malformed-body';

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

  it('should accept bodies nested exactly to the limit, through objects and arrays alike', () => {
    let deep: unknown = { leaf: 'text' };
    for (let i = 1; i < MAX_JSON_DEPTH; i++) deep = i % 2 === 0 ? [deep] : { child: deep };
    expect(unusableJson(deep)).toBeNull();
    expect(unusableJson({ wrapped: deep })).toMatch(/nested more than/);
  });
});

describe('mayHoldUnstorableText', () => {
  it.each([
    ['{"a":"x\\u0000y"}'],
    ['{"k\\u0000":1}'],
    ['{"a":"lone \\ud800 high"}'],
    ['{"a":"lone \\uDC00 low"}'],
    ['{"a":"\\uD83D\\uDE00 paired (an emoji)"}'],
    ['{"a":"an escaped backslash: \\\\u0000"}'],
  ])('should send %s to the walk', (text) => {
    expect(mayHoldUnstorableText(text)).toBe(true);
  });

  it.each([['{"name":"Okta 📱","list":[1,"two",{"three":null}]}'], ['{"a":"\\u00e9 \\u2603 \\uFFFD \\u001f"}']])('should pass %s without one', (text) => {
    expect(mayHoldUnstorableText(text)).toBe(false);
    expect(findUnstorableText(JSON.parse(text))).toBeNull();
  });
});

describe('installJsonParser', () => {
  const app = Fastify();
  installJsonParser(app);
  const seen = (request: CheckedJsonRequest) => ({ checked: request.checkedJsonText ?? null, malformed: request.body instanceof MalformedBody });
  app.post('/v1/hooks/okta/events', async (request) => seen(request));
  app.post('/v1/admin/tokens', async (request) => seen(request));
  afterAll(() => app.close());

  const post = async (url: string, payload: string) =>
    (await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload })).json() as { checked: string | null; malformed: boolean };

  it('should hand a hook the exact text of a body it found usable, spacing and all', async () => {
    const text = '{ "eventId" : "e1",\n  "data": { "events": [ { "uuid": "u1" } ] } }';
    expect(await post('/v1/hooks/okta/events', text)).toEqual({ checked: text, malformed: false });
  });

  it('should vouch for no text when the body holds text PostgreSQL cannot store, nor outside the hooks', async () => {
    expect(await post('/v1/hooks/okta/events', '{"eventId":"e\\u0000"}')).toEqual({ checked: null, malformed: true });
    expect(await post('/v1/admin/tokens', '{"name":"n"}')).toEqual({ checked: null, malformed: false });
  });
});
