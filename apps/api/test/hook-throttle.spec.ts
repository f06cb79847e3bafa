import { defaultPolicy } from '@otc/contracts';
import { TokensService } from '../src/tokens/tokens.service';
import { startTestConnector, TestConnector } from './support/test-app';
import { postTelephonyHook, telephonyRequest } from '@otc/e2e-support';

jest.setTimeout(60_000);

const LIMIT = 3;

describe('Per-token throttle on the Okta telephony hook (HOOK_THROTTLE_PER_SECOND)', () => {
  let connector: TestConnector;
  let secret: string;
  let otherSecret: string;

  beforeAll(async () => {
    connector = await startTestConnector({ env: { HOOK_THROTTLE_PER_SECOND: String(LIMIT) } });
    const tokens = connector.app.get(TokensService);
    // Neighbouring numbers again and again: the fraud guard would refuse them; these tokens test the throttle alone.
    const policy = { ...defaultPolicy(), rateLimit: { enabled: false, maxPerWindow: 5 }, fraudGuard: { mode: 'OFF' as const, thresholds: {} } };
    secret = (await tokens.create('throttled', policy)).tokenSecret;
    otherSecret = (await tokens.create('neighbour', policy)).tokenSecret;
  });

  afterAll(async () => {
    await connector?.stop();
  });

  beforeEach(async () => {
    connector.simulator!.reset();
    // Each test starts in a fresh one-second window.
    await new Promise((resolve) => setTimeout(resolve, 1100));
  });

  async function post(authorization: string | null, phoneNumber = '+447400123456') {
    const { status, body, headers } = await postTelephonyHook(connector.baseUrl, authorization, telephonyRequest({ phoneNumber }));
    return { status, retryAfter: headers.get('retry-after'), body };
  }

  it('should answer 429 in Okta error shape past the limit within one second, and send nothing for it', async () => {
    // Distinct numbers, so Verify's one-request-per-number rule plays no part.
    const answers = await Promise.all(Array.from({ length: LIMIT + 2 }, (_, i) => post(secret, `+44740012345${i}`)));

    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 429, 429]);
    const refused = answers.find((a) => a.status === 429)!;
    expect(refused.body).toEqual({
      error: {
        errorSummary: expect.any(String),
        errorCauses: [expect.objectContaining({ reason: 'HOOK_THROTTLED', errorSummary: expect.any(String) })],
      },
    });
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(connector.simulator!.messages).toHaveLength(LIMIT);
  });

  it('should count per token, not per header: the Bearer form of the same secret shares the budget, another token does not', async () => {
    const sameToken = [await post(secret), await post(`Bearer ${secret}`), await post(secret), await post(`Bearer ${secret}`)];
    const neighbour = await post(otherSecret);

    expect(sameToken.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    expect(neighbour.status).toBe(200);
    expect(neighbour.body.commands[0].value[0].status).toBe('SUCCESSFUL');
  });

  it('should let the token through again in the next second', async () => {
    for (let i = 0; i < LIMIT; i++) await post(secret);
    expect((await post(secret)).status).toBe(429);

    await new Promise((resolve) => setTimeout(resolve, 1100));

    expect((await post(secret)).status).toBe(200);
  });

  it('should shed a flood from a refused block without 429s, and keep the budget for sign-ins elsewhere', async () => {
    const guarded = (await connector.app.get(TokensService).create('flooded', defaultPolicy())).tokenSecret;
    // Three numbers in a prefix no one ever signed in from: the third opens a refusal of the prefix.
    for (const n of ['+998901234001', '+998901234002', '+998901234003']) await post(guarded, n);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const sentBefore = connector.simulator!.messages.length;

    const flood = Promise.all(Array.from({ length: 12 }, (_, i) => post(guarded, `+9989012341${String(i).padStart(2, '0')}`)));
    const real = await post(guarded, '+447400123456');
    const answers = await flood;

    expect(real.status).toBe(200);
    expect(real.body.commands[0].value[0].transactionMetadata).toMatch(/^channel=SMS; screening=SUCCESS/);
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(200));
    const reasons = answers.map((a) => /^refused: (\w+)/.exec(a.body.commands[0].value[0].transactionMetadata)?.[1]);
    expect(new Set(reasons)).toEqual(new Set(['FRAUD_UNPROVEN_DESTINATION', 'FRAUD_SHED']));
    expect(connector.simulator!.messages.length - sentBefore).toBe(1);
  });

  it('should refuse an unknown secret with 401, never 429, however often it is tried', async () => {
    const answers = await Promise.all(Array.from({ length: LIMIT + 3 }, () => post('otc_not-a-real-secret')));
    expect(answers.map((a) => a.status)).toEqual(Array(LIMIT + 3).fill(401));
    expect((await post(secret)).status).toBe(200);
  });
});
