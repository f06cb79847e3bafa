import { defaultPolicy } from '@otc/contracts';
import { createHash, createHmac, randomUUID } from 'crypto';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { previewRequest } from '../src/cli/okta-preview';
import { DataSource } from 'typeorm';
import { TokensService } from '../src/tokens/tokens.service';
import { adminSignIn } from './support/admin-client';
import { startTestConnector, TestConnector } from './support/test-app';

jest.setTimeout(120_000);

const RUNS = 150;
const ONE_MEGABYTE = 1024 * 1024;

// ---------------------------------------------------------------- what hostile callers send
/** Dates JavaScript parses but PostgreSQL cannot store. */
const OUT_OF_RANGE_DATES = ['-271821-04-20T00:00:00.000Z', '+275760-09-13T00:00:00.000Z', '-000001-01-01T00:00:00Z', '+010000-01-01T00:00:00Z'];
/** Every value each query parameter and body field is tried with, one at a time. */
const UNSTORABLE = [...OUT_OF_RANGE_DATES, '\u0000', 'nul\u0000inside', '\ud800', 'lone \udc00 low', 'x\ud83d'];
const INJECTIONS = [
  "'; DROP TABLE otp_activity; --",
  "' OR '1'='1",
  '<script>alert(1)</script>',
  '${jndi:ldap://127.0.0.1/x}',
  '{{7*7}}',
  '../../../../etc/passwd',
  '%00%27',
  'nul\u0000byte',
  '\u0000',
  'lone \ud800 surrogate',
  '\u202eRTL override',
  'emoji 👩‍👩‍👧‍👦 and ℌ𝔢𝔩𝔩𝔬',
  '__proto__',
  'constructor',
  '-1',
  '1e309',
  'x'.repeat(20_000),
  ...OUT_OF_RANGE_DATES,
];

const weirdText = fc.oneof(
  fc.constantFrom(...INJECTIONS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ maxLength: 20 }).map((s) => `${s}\u0000${s}`),
);

const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  weirdText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(weirdText, { maxLength: 3 }),
  fc.dictionary(weirdText, weirdText, { maxKeys: 3 }),
  fc.constantFrom({ __proto__: { polluted: true } }, [[[[[[]]]]]], {}, []),
);

/** Deeply nested JSON text: arrays, objects, or both, thousands of levels deep. */
const deepJson = fc
  .tuple(fc.integer({ min: 500, max: 20_000 }), fc.constantFrom('array', 'object', 'mixed'))
  .map(([depth, kind]) =>
    kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : kind === 'object' ? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) : '{"a":['.repeat(depth) + ']}'.repeat(depth),
  );

function setPath(target: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(target);
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
  return copy;
}

/** A valid body with one field (top level or nested) replaced by something hostile, or a deep structure planted in it. */
function mutated(valid: () => Record<string, unknown>, paths: string[][]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.tuple(fc.constantFrom(...paths), weirdValue).map(([path, value]) => JSON.stringify(setPath(valid(), path, value))),
    fc.tuple(fc.constantFrom(...paths), deepJson).map(([path, deep]) => JSON.stringify(setPath(valid(), path, '__DEEP__')).replace('"__DEEP__"', deep)),
  );
}

/** Any body text: malformed JSON, valid JSON of any shape, deep nesting, or a mutated valid body. */
function bodies(valid: () => Record<string, unknown>, paths: string[][]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
    fc.constantFrom('{', '{"a":', '[1,2', 'null', '""', '0', 'true', '{"eventId":"x",}', "{'single':'quotes'}", 'NaN', '\u0000', '{"a":"\\u0000"}', '{"a":"\\ud800"}', '\ufeff{}'),
    deepJson,
    mutated(valid, paths),
    mutated(valid, paths),
  );
}

const contentTypes = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'application/octet-stream',
  '',
);

/** HTTP header values are visible ASCII; anything else never reaches the app. */
function isHeaderSafe(text: string): boolean {
  return [...text].every((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) < 0x7f);
}

/** Percent-encodes like a browser would; a lone surrogate becomes the invalid UTF-8 bytes a hostile client could send. */
function encode(text: string): string {
  if (text.startsWith('%')) return text;
  try {
    return encodeURIComponent(text);
  } catch {
    return `%ED%A0%80${encodeURIComponent(text.replace(/[\ud800-\udfff]/g, ''))}`;
  }
}

// ---------------------------------------------------------------- what every answer must look like
interface Answer {
  statusCode: number;
  body: string;
  headers: Record<string, unknown>;
}

function parsed(answer: Answer): Record<string, unknown> {
  try {
    return JSON.parse(answer.body) as Record<string, unknown>;
  } catch {
    throw new Error(`answer ${answer.statusCode} is not JSON: ${answer.body.slice(0, 200)}`);
  }
}

/** A 4xx (or 2xx when the input happened to be acceptable) whose JSON body names the problem; never a 5xx or a stack. */
function expectClientAnswer(answer: Answer): void {
  expect(answer.statusCode).toBeLessThan(500);
  expect(answer.body).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
  if (answer.statusCode >= 400) {
    const body = parsed(answer);
    const message = typeof body.message === 'string' ? body.message : (body.error as { errorSummary?: string } | undefined)?.errorSummary;
    expect(typeof message).toBe('string');
    expect(message!.length).toBeGreaterThan(3);
    expect(message).not.toMatch(/Something went wrong/);
  }
}

/** The telephony hook answers in Okta's shape whenever Okta could read it. */
function expectOktaAnswer(answer: Answer): void {
  expectClientAnswer(answer);
  if (answer.statusCode === 401 || answer.statusCode === 413 || answer.statusCode === 415) return;
  const body = parsed(answer);
  if (body.error) {
    expect(body.error).toEqual({ errorSummary: expect.any(String), errorCauses: expect.arrayContaining([expect.objectContaining({ reason: expect.any(String) })]) });
  } else {
    expect(answer.statusCode).toBe(200);
    expect(body.commands).toEqual([{ type: 'com.okta.telephony.action', value: [expect.objectContaining({ status: expect.stringMatching(/^(SUCCESSFUL|PENDING|FAILED)$/) })] }]);
  }
}

describe('Bad input on every public route: never a 5xx, always a JSON answer that names the problem', () => {
  let connector: TestConnector;
  let secret: string;
  let jwt: string;
  let signatureSecret: string;
  let address = 0;

  beforeAll(async () => {
    // The per-token hook throttle is not under test here: every call should reach the parser.
    connector = await startTestConnector({ env: { HOOK_THROTTLE_PER_SECOND: '100000' } });
    const policy = { ...defaultPolicy(), rateLimit: { enabled: false, maxPerWindow: 5 } };
    secret = (await connector.app.get(TokensService).create('fuzz', policy)).tokenSecret;
    jwt = await adminSignIn(connector);
    signatureSecret = connector.config.vonageSignatureSecret!;
  });

  afterAll(async () => {
    await connector?.stop();
  });

  async function send(options: InjectOptions & { contentType?: string }): Promise<Answer> {
    const { contentType, ...rest } = options;
    const headers = { ...(rest.headers as Record<string, string> | undefined) };
    if (contentType) headers['content-type'] = contentType;
    const response = await connector.app.inject({ remoteAddress: `10.9.${Math.floor(++address / 250) % 250}.${address % 250}`, ...rest, headers });
    return { statusCode: response.statusCode, body: response.body, headers: response.headers };
  }

  function vonageJwt(body: string): string {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ iat: Math.floor(Date.now() / 1000), jti: randomUUID(), iss: 'Vonage', payload_hash: createHash('sha256').update(body).digest('hex') })}`;
    return `${unsigned}.${createHmac('sha256', signatureSecret).update(unsigned).digest('base64url')}`;
  }

  const telephony = () => previewRequest('+447400123456', 'sms', '482913') as unknown as Record<string, unknown>;
  const telephonyPaths = [['eventId'], ['eventTime'], ['requestType'], ['data'], ['data', 'messageProfile'], ['data', 'messageProfile', 'phoneNumber'], ['data', 'messageProfile', 'otpCode'], ['data', 'messageProfile', 'deliveryChannel'], ['data', 'messageProfile', 'otpExpires'], ['data', 'messageProfile', 'locale'], ['data', 'userProfile', 'userId'], ['data', 'userProfile']];

  it('telephony hook with a valid token secret', async () => {
    await fc.assert(
      fc.asyncProperty(bodies(telephony, telephonyPaths), contentTypes, async (payload, contentType) => {
        expectOktaAnswer(await send({ method: 'POST', url: '/v1/hooks/okta/telephony', payload, contentType, headers: { authorization: secret } }));
      }),
      { numRuns: RUNS },
    );
  });

  it('telephony hook without, or with a hostile, token secret', async () => {
    await fc.assert(
      fc.asyncProperty(bodies(telephony, telephonyPaths), fc.option(fc.oneof(weirdText.filter(isHeaderSafe), fc.constant(`Bearer ${'a'.repeat(5000)}`))), async (payload, authorization) => {
        const answer = await send({ method: 'POST', url: '/v1/hooks/okta/telephony', payload, contentType: 'application/json', headers: authorization === null ? {} : { authorization } });
        expectOktaAnswer(answer);
        expect(answer.statusCode).toBe(401);
      }),
      { numRuns: RUNS },
    );
  });

  it('event hook', async () => {
    const delivery = () => ({ eventId: `evt-${Math.random()}`, eventType: 'com.okta.event_hook', data: { events: [{ uuid: `u-${Math.random()}`, eventType: 'user.authentication.auth_via_mfa', published: new Date().toISOString(), actor: { id: '00u1' }, outcome: { result: 'SUCCESS' }, debugContext: { debugData: { factor: 'SMS_FACTOR' } } }] } });
    const paths = [['eventId'], ['data'], ['data', 'events'], ['data', 'events', '0'], ['data', 'events', '0', 'uuid'], ['data', 'events', '0', 'published'], ['data', 'events', '0', 'actor'], ['data', 'events', '0', 'outcome'], ['data', 'events', '0', 'debugContext']];
    await fc.assert(
      fc.asyncProperty(bodies(delivery, paths), contentTypes, async (payload, contentType) => {
        expectClientAnswer(await send({ method: 'POST', url: '/v1/hooks/okta/events', payload, contentType, headers: { authorization: secret } }));
      }),
      { numRuns: RUNS },
    );
  });

  it('Vonage status callback, correctly signed and unsigned', async () => {
    const callback = () => ({ request_id: 'c11236f4-00bf-4b89-84ba-88b25df97315', type: 'event', status: 'completed', channel: 'sms', workflow: [{ channel: 'sms', status: 'completed' }] });
    const paths = [['request_id'], ['type'], ['status'], ['workflow'], ['workflow', '0'], ['workflow', '0', 'reason']];
    await fc.assert(
      fc.asyncProperty(bodies(callback, paths), contentTypes, fc.boolean(), async (payload, contentType, signed) => {
        const answer = await send({ method: 'POST', url: '/v1/hooks/vonage/status', payload, contentType, headers: signed ? { authorization: `Bearer ${vonageJwt(payload)}` } : {} });
        expectClientAnswer(answer);
        if (!signed) expect(answer.statusCode).toBe(401);
      }),
      { numRuns: RUNS },
    );
  });

  it('admin sign-in', async () => {
    const login = () => ({ apiKey: 'key', apiSecret: 'secret' });
    await fc.assert(
      fc.asyncProperty(bodies(login, [['apiKey'], ['apiSecret'], ['extra']]), contentTypes, async (payload, contentType) => {
        const answer = await send({ method: 'POST', url: '/v1/admin/login', payload, contentType });
        expectClientAnswer(answer);
        expect(answer.statusCode).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: RUNS },
    );
  });

  it('admin token creation (signed in)', async () => {
    const create = () => ({ name: 'fuzzed', policy: defaultPolicy() as unknown as Record<string, unknown> });
    const paths = [['name'], ['policy'], ['policy', 'insights'], ['policy', 'insights', 'allowedNetworkTypes'], ['policy', 'countryAllowlist'], ['policy', 'onFlag'], ['policy', 'rateLimit'], ['policy', 'rateLimit', 'maxPerWindow'], ['policy', 'brandName'], ['policy', 'expiresIn'], ['policy', 'version']];
    await fc.assert(
      fc.asyncProperty(bodies(create, paths), contentTypes, async (payload, contentType) => {
        expectClientAnswer(await send({ method: 'POST', url: '/v1/admin/tokens', payload, contentType, headers: { authorization: `Bearer ${jwt}` } }));
      }),
      { numRuns: RUNS },
    );
  });

  it('admin activity query strings', async () => {
    const key = fc.constantFrom('status', 'channel', 'tokenId', 'from', 'to', 'cursor', 'limit', 'period', '__proto__', 'constructor', 'status[]', 'limit[0]', 'a[b][c]');
    const value = fc.oneof(weirdText, fc.integer().map(String), fc.constantFrom('SUCCESS', 'SMS', '2024-02-30T25:61:00Z', '-1', '0', '1e9', 'NaN', '', '%', '%zz', '%00'));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(key, value), { maxLength: 6 }), fc.constantFrom('/v1/admin/activity', '/v1/admin/auth-events', '/v1/admin/activity/export'), async (pairs, path) => {
        const query = pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
        const answer = await send({ method: 'GET', url: `${path}?${query}`, headers: { authorization: `Bearer ${jwt}` } });
        expectClientAnswer(answer);
      }),
      { numRuns: RUNS },
    );
  });

  it('admin token lookup by odd ids', async () => {
    const id = fc.oneof(weirdText, fc.uuid(), fc.constantFrom('00000000-0000-0000-0000-000000000000', 'null', '..', '%2e%2e', '%00', ' ', 'a'.repeat(5000), '1;DROP', '%F0%9F%92%A9', '%ZZ'));
    await fc.assert(
      fc.asyncProperty(id, fc.constantFrom('', '/rotate', '/revoke'), async (raw, action) => {
        const segment = encode(raw);
        const method = action === '' ? 'GET' : 'POST';
        const answer = await send({ method, url: `/v1/admin/tokens/${segment}${action}`, headers: { authorization: `Bearer ${jwt}` } });
        expectClientAnswer(answer);
        expect(answer.statusCode).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: RUNS },
    );
  });

  it('should refuse bodies over 1 MB with 413 on every POST route, naming the limit', async () => {
    const huge = JSON.stringify({ eventId: 'big', padding: 'x'.repeat(ONE_MEGABYTE + 10) });
    const routes = [
      { url: '/v1/hooks/okta/telephony', headers: { authorization: secret } },
      { url: '/v1/hooks/okta/events', headers: { authorization: secret } },
      { url: '/v1/hooks/vonage/status', headers: { authorization: `Bearer ${vonageJwt(huge)}` } },
      { url: '/v1/admin/login', headers: {} },
      { url: '/v1/admin/tokens', headers: { authorization: `Bearer ${jwt}` } },
    ];
    for (const route of routes) {
      const answer = await send({ method: 'POST', url: route.url, payload: huge, contentType: 'application/json', headers: route.headers });
      expect({ url: route.url, status: answer.statusCode }).toEqual({ url: route.url, status: 413 });
      expect(parsed(answer).message).toMatch(/too large|limit/i);
    }
  });

  it('should name the problem for malformed JSON and for a content type it does not read', async () => {
    const malformed = await send({ method: 'POST', url: '/v1/admin/login', payload: '{"apiKey":', contentType: 'application/json' });
    expect(malformed.statusCode).toBe(400);
    expect(parsed(malformed).message).toMatch(/JSON/);
    const hookMalformed = await send({ method: 'POST', url: '/v1/hooks/okta/telephony', payload: '{"eventId":', contentType: 'application/json', headers: { authorization: secret } });
    expect(hookMalformed.statusCode).toBe(400);
    expect(JSON.stringify(parsed(hookMalformed))).toMatch(/JSON/);
    const xml = await send({ method: 'POST', url: '/v1/admin/login', payload: '<login/>', contentType: 'application/xml' });
    expect(xml.statusCode).toBe(415);
    expect(parsed(xml).message).toMatch(/content.type/i);
  });

  it('should refuse NUL characters and deep nesting with a 400 that names them (they used to be 500s from PostgreSQL and recursion)', async () => {
    const withNul = { ...telephony(), eventId: 'evt\u0000nul' };
    const hook = await send({ method: 'POST', url: '/v1/hooks/okta/telephony', payload: JSON.stringify(withNul), contentType: 'application/json', headers: { authorization: secret } });
    expect(hook.statusCode).toBe(400);
    expect(parsed(hook)).toMatchObject({ error: { errorCauses: [{ reason: 'INVALID_REQUEST', errorSummary: expect.stringMatching(/NUL/) }] } });
    const deep = await send({ method: 'POST', url: '/v1/admin/tokens', payload: `{"name":${'['.repeat(5000)}${']'.repeat(5000)}}`, contentType: 'application/json', headers: { authorization: `Bearer ${jwt}` } });
    expect(deep.statusCode).toBe(400);
    expect(parsed(deep).message).toMatch(/nested more than \d+ levels/);
    const token = await send({ method: 'GET', url: '/v1/admin/tokens/%00', headers: { authorization: `Bearer ${jwt}` } });
    expect(token.statusCode).toBe(400);
    expect(parsed(token).message).toBe('id contains a NUL character (\\u0000)');
  });

  describe('out-of-range dates, NUL characters and lone surrogates in every query parameter and body field', () => {
    const admin = () => ({ authorization: `Bearer ${jwt}` });
    const cursorAt = (at: string, id: string) => Buffer.from(`${at}|${id}`).toString('base64url');

    it('should answer every admin query parameter with a 4xx or a normal answer, and name a bad date or bad text', async () => {
      const routes: Record<string, string[]> = {
        '/v1/admin/activity': ['status', 'channel', 'tokenId', 'from', 'to', 'cursor', 'limit'],
        '/v1/admin/activity/export': ['status', 'channel', 'tokenId', 'from', 'to'],
        '/v1/admin/auth-events': ['tokenId', 'eventType', 'from', 'to', 'cursor', 'limit'],
        '/v1/admin/audit': ['cursor', 'limit'],
        '/v1/admin/dashboard': ['period'],
        '/v1/admin/tokens': ['status'],
      };
      for (const [path, keys] of Object.entries(routes)) {
        for (const key of keys) {
          for (const value of UNSTORABLE) {
            const answer = await send({ method: 'GET', url: `${path}?${key}=${encode(value)}`, headers: admin() });
            expectClientAnswer(answer);
            // A lone surrogate cannot travel in a URL: its invalid UTF-8 bytes arrive as U+FFFD, which is storable.
            if (key === 'from' || key === 'to' || (value.includes('\u0000') && key === 'eventType')) {
              expect({ path, key, value, status: answer.statusCode }).toEqual({ path, key, value, status: 400 });
              expect(JSON.stringify(parsed(answer).fields)).toContain(key);
            }
          }
        }
      }
    });

    it('should refuse a cursor holding an out-of-range date with 400 on every paged route', async () => {
      for (const [path, id] of [['/v1/admin/audit', '1'], ['/v1/admin/activity', '00000000-0000-4000-8000-000000000000'], ['/v1/admin/auth-events', '00000000-0000-4000-8000-000000000000']]) {
        for (const at of OUT_OF_RANGE_DATES) {
          const answer = await send({ method: 'GET', url: `${path}?cursor=${cursorAt(at, id)}`, headers: admin() });
          expect({ path, at, status: answer.statusCode }).toEqual({ path, at, status: 400 });
        }
      }
    });

    it('should refuse the CSV export with an out-of-range date instead of an empty 200', async () => {
      const answer = await send({ method: 'GET', url: `/v1/admin/activity/export?from=${encode(OUT_OF_RANGE_DATES[0])}`, headers: admin() });
      expect(answer.statusCode).toBe(400);
      expect(JSON.stringify(parsed(answer))).toContain('from must be a date-time between years 1 and 9999');
    });

    it('should answer the telephony hook with a 4xx in Okta shape for each field, otpExpires out of range named', async () => {
      for (const path of telephonyPaths) {
        for (const value of UNSTORABLE) {
          const answer = await send({ method: 'POST', url: '/v1/hooks/okta/telephony', payload: JSON.stringify(setPath(telephony(), path, value)), contentType: 'application/json', headers: { authorization: secret } });
          expectOktaAnswer(answer);
        }
      }
      const late = await send({ method: 'POST', url: '/v1/hooks/okta/telephony', payload: JSON.stringify(setPath(telephony(), ['data', 'messageProfile', 'otpExpires'], OUT_OF_RANGE_DATES[1])), contentType: 'application/json', headers: { authorization: secret } });
      expect(late.statusCode).toBe(400);
      expect(JSON.stringify(parsed(late))).toContain('otpExpires');
    });

    it('should take an event hook delivery whatever one event holds: the bad event is skipped, the others stored', async () => {
      const event = (uuid: string) => ({ uuid, eventType: 'user.authentication.auth_via_mfa', published: new Date().toISOString(), actor: { id: '00uFUZZ' }, outcome: { result: 'FAILURE' }, debugContext: { debugData: { factor: 'SMS_FACTOR' } } });
      const paths = [['uuid'], ['eventType'], ['published'], ['actor', 'id'], ['outcome', 'result'], ['outcome', 'reason'], ['debugContext', 'debugData', 'factor'], ['debugContext', 'debugData', 'requestId']];
      let n = 0;
      for (const path of paths) {
        for (const value of UNSTORABLE) {
          const good = `fuzz-good-${++n}-${Date.now()}`;
          const delivery = { eventId: `fuzz-delivery-${n}-${Date.now()}`, eventType: 'com.okta.event_hook', data: { events: [setPath(event(`fuzz-bad-${n}`), path, value), event(good)] } };
          const answer = await send({ method: 'POST', url: '/v1/hooks/okta/events', payload: JSON.stringify(delivery), contentType: 'application/json', headers: { authorization: secret } });
          expect({ path, value, status: answer.statusCode }).toEqual({ path, value, status: 204 });
          const stored = await connector.app.get(DataSource).query('SELECT 1 FROM auth_event WHERE event_uuid = $1', [good]);
          expect({ path, value, stored: stored.length }).toEqual({ path, value, stored: 1 });
        }
      }
      // A bad delivery id does not lose the delivery either.
      const delivery = { eventId: 'id\u0000with nul', data: { events: [event(`fuzz-good-id-${Date.now()}`)] } };
      expect((await send({ method: 'POST', url: '/v1/hooks/okta/events', payload: JSON.stringify(delivery), contentType: 'application/json', headers: { authorization: secret } })).statusCode).toBe(204);
    });

    it('should answer every admin body field with a 4xx or a normal answer', async () => {
      const create = () => ({ name: 'fuzzed', policy: defaultPolicy() as unknown as Record<string, unknown> });
      for (const path of [['name'], ['policy', 'brandName'], ['policy', 'expiresIn'], ['policy', 'countryAllowlist']]) {
        for (const value of UNSTORABLE) {
          expectClientAnswer(await send({ method: 'POST', url: '/v1/admin/tokens', payload: JSON.stringify(setPath(create(), path, value)), contentType: 'application/json', headers: admin() }));
        }
      }
      for (const path of [['apiKey'], ['apiSecret']]) {
        for (const value of UNSTORABLE) {
          const answer = await send({ method: 'POST', url: '/v1/admin/login', payload: JSON.stringify(setPath({ apiKey: 'k', apiSecret: 's' }, path, value)), contentType: 'application/json' });
          expectClientAnswer(answer);
          expect(answer.statusCode).toBeGreaterThanOrEqual(400);
        }
      }
    });
  });

  it('should still be ready afterwards', async () => {
    const ready = await fetch(`${connector.baseUrl}/health/ready`);
    expect(ready.status).toBe(200);
  });
});
