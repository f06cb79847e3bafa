import { ActivityDto, defaultPolicy, TokenPolicy } from '@otc/contracts';
import { AdminApi, LiveConnector, postTelephonyHook, startLiveConnector, telephonyRequest } from '@otc/e2e-support';

// Valid numbers (libphonenumber full metadata); the simulator's Insights scenario is the last four digits.
const UK_VIRTUAL = '+447400122001';
const UK_MOBILE = '+447400123456';
const UK_INSIGHTS_HANGS = '+447400122408';
const CANADA = '+14163982001';
const USA = '+12025550123';
const JAMAICA = '+18762102001';

/**
 * A policy that asks Insights for a network type (original carrier) and allows mobiles only.
 * Refusals answer with Okta's error object here, so each test reads the reason Okta is given;
 * the default NO_DELIVERY answer has its own suite (apps/api/test/fraud-guard.e2e.spec.ts).
 */
function screeningPolicy(changes: Omit<Partial<TokenPolicy>, 'insights'> & { insights?: Partial<TokenPolicy['insights']> } = {}): TokenPolicy {
  const base = defaultPolicy();
  return {
    ...base,
    rateLimit: { enabled: false, maxPerWindow: 5 },
    refusalAnswer: 'LET_OKTA_RETRY',
    ...changes,
    insights: { ...base.insights, originalCarrier: true, allowedNetworkTypes: ['MOBILE'], ...changes.insights },
  };
}

describe('Number screening through the telephony hook, end to end against the Vonage simulator', () => {
  let connector: LiveConnector;
  let admin: AdminApi;

  beforeAll(async () => {
    connector = await startLiveConnector();
    admin = await AdminApi.signIn(connector.baseUrl, connector.credentials);
  });

  afterAll(async () => {
    await connector?.stop();
  });

  beforeEach(() => connector.simulator.reset());

  interface Token {
    id: string;
    secret: string;
  }

  async function tokenWith(policy: TokenPolicy): Promise<Token> {
    const created = await admin.createToken({ name: `screening-${Math.random().toString(36).slice(2, 8)}`, policy });
    return { id: created.id, secret: created.tokenSecret };
  }

  async function post(token: Token, phoneNumber: string, otpCode = '482913') {
    const request = telephonyRequest({ phoneNumber, otpCode });
    const answer = await postTelephonyHook(connector.baseUrl, token.secret, request);
    return { ...answer, recorded: () => admin.activityOf(token.id, request.eventId as string) };
  }

  /** The number may appear only masked: neither its E.164 digits nor its national part are anywhere the admin API shows. */
  function expectNoRawNumber(activity: ActivityDto, e164: string): void {
    const text = JSON.stringify(activity);
    const digits = e164.slice(1);
    expect(text).not.toContain(digits);
    expect(text).not.toContain(digits.slice(-9));
    expect(activity.destination).toMatch(/^\+\d{1,3}•+\d{0,2}$/);
  }

  const sentTo = () => connector.simulator.messages.map((m) => m.to);

  describe('a VIRTUAL number (Insights network type) on a token allowing MOBILE only', () => {
    it('should refuse it under onFlag BLOCK, send nothing, and record why with what Insights said', async () => {
      const token = await tokenWith(screeningPolicy({ onFlag: 'BLOCK' }));

      const { status, body, recorded } = await post(token, UK_VIRTUAL);

      expect(status).toBe(200);
      expect(body.commands).toBeUndefined();
      expect(body.error.errorSummary).toBe('Codes cannot be sent to this type of phone number.');
      expect(body.error.errorCauses[0].reason).toBe('NETWORK_TYPE_NOT_ALLOWED');
      expect(connector.simulator.messages).toHaveLength(0);
      expect(connector.simulator.insightsRequests).toEqual([
        expect.objectContaining({ phoneNumber: '447400122001', insights: expect.arrayContaining(['format', 'original_carrier']) }),
      ]);
      const activity = await recorded();
      expect(activity).toMatchObject({
        status: 'BLOCKED',
        reasonCode: 'NETWORK_TYPE_NOT_ALLOWED',
        flags: [{ code: 'NETWORK_TYPE_NOT_ALLOWED', detail: 'VIRTUAL' }],
        facts: { country: 'GB', networkType: 'VIRTUAL', carrier: expect.any(String), insightsMs: expect.any(Number) },
      });
      expect(activity.facts.carrier!.length).toBeGreaterThan(0);
      expect(activity.facts.insightsMs).toBeGreaterThanOrEqual(0);
      expect(activity.facts.insightsMs).toBeLessThan(700);
      expect(activity.description).toContain('network type');
      expectNoRawNumber(activity, UK_VIRTUAL);
    });

    it('should deliver it under FLAG_AND_DELIVER and record it FLAGGED (amber) with the flag', async () => {
      const token = await tokenWith(screeningPolicy({ onFlag: 'FLAG_AND_DELIVER' }));

      const { body, recorded } = await post(token, UK_VIRTUAL, '731904');

      const [action] = body.commands[0].value;
      expect(action).toMatchObject({ status: 'SUCCESSFUL', provider: 'VONAGE' });
      expect(action.transactionMetadata).toContain('screening=FLAGGED');
      expect(connector.simulator.messages).toEqual([expect.objectContaining({ to: '447400122001', code: '731904', requestId: action.transactionId })]);
      const activity = await recorded();
      expect(activity).toMatchObject({
        status: 'FLAGGED',
        reasonCode: 'NETWORK_TYPE_NOT_ALLOWED',
        flags: [{ code: 'NETWORK_TYPE_NOT_ALLOWED', detail: 'VIRTUAL' }],
        facts: { country: 'GB', networkType: 'VIRTUAL', carrier: expect.any(String), insightsMs: expect.any(Number) },
      });
      expect(activity.verifyRequestId).toBe(action.transactionId);
      expect(JSON.stringify(activity)).not.toContain('731904');
      expectNoRawNumber(activity, UK_VIRTUAL);
    });

    it('should deliver it under LOG_ONLY, record SUCCESS (no amber) and still keep the finding in the flags', async () => {
      const token = await tokenWith(screeningPolicy({ onFlag: 'LOG_ONLY', insights: { currentCarrier: true, originalCarrier: false } }));

      const { body, recorded } = await post(token, UK_VIRTUAL);

      expect(body.commands[0].value[0].status).toBe('SUCCESSFUL');
      expect(body.commands[0].value[0].transactionMetadata).toContain('screening=SUCCESS');
      expect(sentTo()).toEqual(['447400122001']);
      expect(connector.simulator.insightsRequests[0].insights).toEqual(expect.arrayContaining(['current_carrier']));
      expect(connector.simulator.insightsRequests[0].insights).not.toContain('original_carrier');
      const activity = await recorded();
      expect(activity).toMatchObject({
        status: 'SUCCESS',
        reasonCode: 'DELIVERED',
        flags: [{ code: 'NETWORK_TYPE_NOT_ALLOWED', detail: 'VIRTUAL' }],
        facts: { country: 'GB', networkType: 'VIRTUAL', carrier: expect.any(String), insightsMs: expect.any(Number) },
      });
      expectNoRawNumber(activity, UK_VIRTUAL);
    });

    it('should deliver an ordinary mobile on the same BLOCK token as SUCCESS with no flags', async () => {
      const token = await tokenWith(screeningPolicy({ onFlag: 'BLOCK' }));

      const { body, recorded } = await post(token, UK_MOBILE);

      expect(body.commands[0].value[0].status).toBe('SUCCESSFUL');
      expect(sentTo()).toEqual(['447400123456']);
      const activity = await recorded();
      expect(activity).toMatchObject({ status: 'SUCCESS', reasonCode: 'DELIVERED', flags: [], facts: { country: 'GB', networkType: 'MOBILE' } });
      expect(activity.facts.carrier).toEqual(expect.any(String));
      expectNoRawNumber(activity, UK_MOBILE);
    });
  });

  describe('the country allowlist', () => {
    it.each([
      ['Canadian', CANADA, 'CA'],
      ['US', USA, 'US'],
      ['Jamaican (+1 but not US)', JAMAICA, 'JM'],
    ])('should refuse a %s number on a GB-only token under onFlag BLOCK', async (_label, number, country) => {
      const token = await tokenWith(screeningPolicy({ countryAllowlist: ['GB'], onFlag: 'BLOCK' }));

      const { body, recorded } = await post(token, number);

      expect(body.error.errorCauses[0].reason).toBe('COUNTRY_NOT_ALLOWED');
      expect(body.error.errorSummary).toBe('Codes cannot be sent to phone numbers in this country.');
      expect(connector.simulator.messages).toHaveLength(0);
      const activity = await recorded();
      expect(activity).toMatchObject({ status: 'BLOCKED', reasonCode: 'COUNTRY_NOT_ALLOWED', facts: { country } });
      expect(activity.flags[0]).toEqual({ code: 'COUNTRY_NOT_ALLOWED', detail: country });
      expectNoRawNumber(activity, number);
    });

    it('should tell a Jamaican +1 number from a US one: a US-only token refuses Jamaica and delivers to the US', async () => {
      const token = await tokenWith(screeningPolicy({ countryAllowlist: ['US'], onFlag: 'BLOCK' }));

      const jamaica = await post(token, JAMAICA);
      const usa = await post(token, USA);

      expect(jamaica.body.error.errorCauses[0].reason).toBe('COUNTRY_NOT_ALLOWED');
      expect(usa.body.commands[0].value[0].status).toBe('SUCCESSFUL');
      expect(sentTo()).toEqual(['12025550123']);
      expect((await jamaica.recorded()).facts.country).toBe('JM');
      expect((await usa.recorded()).facts.country).toBe('US');
    });

    it('should apply the allowlist from the local parse even with Insights switched off', async () => {
      const token = await tokenWith(screeningPolicy({ countryAllowlist: ['GB'], onFlag: 'BLOCK', insights: { enabled: false } }));

      const { body, recorded } = await post(token, CANADA);

      expect(body.error.errorCauses[0].reason).toBe('COUNTRY_NOT_ALLOWED');
      expect(connector.simulator.insightsRequests).toHaveLength(0);
      expect(connector.simulator.messages).toHaveLength(0);
      expect(await recorded()).toMatchObject({ status: 'BLOCKED', facts: { country: 'CA', insightsMs: null } });
    });
  });

  it('should refuse an invalid number without calling Verify or Insights, and keep it only masked', async () => {
    const token = await tokenWith(screeningPolicy({ onFlag: 'LOG_ONLY' }));

    const { body, recorded } = await post(token, '+4412345');

    expect(body.error.errorCauses[0].reason).toBe('INVALID_NUMBER');
    expect(connector.simulator.messages).toHaveLength(0);
    expect(connector.simulator.insightsRequests).toHaveLength(0);
    const activity = await recorded();
    expect(activity).toMatchObject({ status: 'BLOCKED', reasonCode: 'INVALID_NUMBER', flags: [{ code: 'INVALID_NUMBER' }], facts: { insightsMs: null } });
    expect(JSON.stringify(activity)).not.toContain('4412345');
  });

  describe('when Identity Insights does not answer (2408)', () => {
    it('should deliver within 2.5 s and record FLAGGED with INSIGHTS_UNAVAILABLE and how long it waited', async () => {
      const token = await tokenWith(screeningPolicy({ onFlag: 'BLOCK' }));

      const { body, recorded, elapsedMs } = await post(token, UK_INSIGHTS_HANGS);

      expect(elapsedMs).toBeLessThan(2500);
      expect(body.commands[0].value[0].status).toBe('SUCCESSFUL');
      expect(sentTo()).toEqual(['447400122408']);
      expect(connector.simulator.insightsRequests).toHaveLength(1);
      const activity = await recorded();
      expect(activity).toMatchObject({
        status: 'FLAGGED',
        reasonCode: 'INSIGHTS_UNAVAILABLE',
        flags: [{ code: 'INSIGHTS_UNAVAILABLE', detail: expect.stringContaining('timeout') }],
        facts: { country: 'GB', networkType: 'MOBILE', carrier: null },
      });
      // Insights' own timeout (700 ms by default) is what the hook waited for, not the whole budget.
      expect(activity.facts.insightsMs).toBeGreaterThanOrEqual(600);
      expect(activity.facts.insightsMs).toBeLessThan(1500);
      expectNoRawNumber(activity, UK_INSIGHTS_HANGS);
    });

    it('should refuse within 2.5 s when the token says onUnavailable BLOCK', async () => {
      const token = await tokenWith(screeningPolicy({ insights: { onUnavailable: 'BLOCK' } }));

      const { body, recorded, elapsedMs } = await post(token, UK_INSIGHTS_HANGS);

      expect(elapsedMs).toBeLessThan(2500);
      expect(body.error.errorCauses[0].reason).toBe('INSIGHTS_UNAVAILABLE');
      expect(connector.simulator.messages).toHaveLength(0);
      expect(await recorded()).toMatchObject({ status: 'BLOCKED', reasonCode: 'INSIGHTS_UNAVAILABLE' });
    });
  });

  it('should flag a number Insights cannot find (2404) as CARRIER_UNKNOWN and deliver under FLAG_AND_DELIVER', async () => {
    const token = await tokenWith(screeningPolicy({ onFlag: 'FLAG_AND_DELIVER' }));

    const { body, recorded } = await post(token, '+447400122404');

    expect(body.commands[0].value[0].status).toBe('SUCCESSFUL');
    const activity = await recorded();
    expect(activity).toMatchObject({
      status: 'FLAGGED',
      reasonCode: 'CARRIER_UNKNOWN',
      facts: { country: 'GB', networkType: 'MOBILE', carrier: null, insightsMs: expect.any(Number) },
    });
    expect(activity.flags.map((f) => f.code)).toContain('CARRIER_UNKNOWN');
    expectNoRawNumber(activity, '+447400122404');
  });

  it('should record an Insights error (2500) as INSIGHTS_UNAVAILABLE with the HTTP status, and deliver', async () => {
    const token = await tokenWith(screeningPolicy({ onFlag: 'BLOCK' }));

    const { body, recorded } = await post(token, '+447400122500');

    expect(body.commands[0].value[0].status).toBe('SUCCESSFUL');
    const activity = await recorded();
    expect(activity).toMatchObject({
      status: 'FLAGGED',
      reasonCode: 'INSIGHTS_UNAVAILABLE',
      flags: [{ code: 'INSIGHTS_UNAVAILABLE', detail: expect.stringMatching(/^http 500/) }],
    });
    expectNoRawNumber(activity, '+447400122500');
  });

  it('should refuse the 6th code for one number within 10 minutes as RATE_LIMITED after sending exactly 5', async () => {
    const token = await tokenWith(screeningPolicy({ rateLimit: { enabled: true, maxPerWindow: 5 } }));
    const number = '+447400127310';

    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await post(token, number, `10000${i}`));

    expect(answers.slice(0, 5).map((a) => a.body.commands?.[0].value[0].status)).toEqual(Array(5).fill('SUCCESSFUL'));
    expect(answers[5].body.error.errorCauses[0].reason).toBe('RATE_LIMITED');
    expect(answers[5].body.error.errorSummary).toBe('Too many codes were requested for this number. Wait a few minutes and try again.');
    expect(connector.simulator.messages.map((m) => m.code)).toEqual(['100000', '100001', '100002', '100003', '100004']);
    const refused = await answers[5].recorded();
    expect(refused).toMatchObject({ status: 'BLOCKED', reasonCode: 'RATE_LIMITED', flags: [{ code: 'RATE_LIMITED', detail: '5/5 in window' }] });
    expectNoRawNumber(refused, number);
    // Another number on the same token is not affected.
    expect((await post(token, UK_MOBILE)).body.commands[0].value[0].status).toBe('SUCCESSFUL');
  });
});
