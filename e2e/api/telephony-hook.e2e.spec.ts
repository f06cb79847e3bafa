import { REASON_CODE_LIST, defaultPolicy } from '@otc/contracts';
import { AdminApi, LiveConnector, postTelephonyHook, startLiveConnector, telephonyRequest } from '@otc/e2e-support';

// Valid UK mobile numbers; the simulator picks its behaviour from the last four digits.
const MOBILE = '+447400123456';
const REJECTED_BY_VONAGE = '+447400120422';
const VONAGE_HANGS = '+447400120408';
const VONAGE_THROTTLES = '+447400120429';

describe('Okta telephony hook, end to end against the Vonage simulator', () => {
  let connector: LiveConnector;
  let secret: string;

  beforeAll(async () => {
    connector = await startLiveConnector();
    const admin = await AdminApi.signIn(connector.baseUrl, connector.credentials);
    // Neighbouring test numbers over and over are what the fraud guard refuses; it has its own suite.
    const policy = { ...defaultPolicy(), rateLimit: { enabled: false, maxPerWindow: 5 }, fraudGuard: { mode: 'OFF' as const, thresholds: {} } };
    const created = await admin.createToken({ name: 'e2e', policy });
    secret = created.tokenSecret;
  });

  afterAll(async () => {
    await connector?.stop();
  });

  beforeEach(() => connector.simulator.reset());

  const post = (request: unknown, auth: string | null = secret, raw?: string) => postTelephonyHook(connector.baseUrl, auth, request, raw);

  it('should deliver an SMS with exactly the code Okta generated and answer SUCCESSFUL', async () => {
    const { status, body } = await post(telephonyRequest({ phoneNumber: MOBILE, otpCode: '48213' }));

    expect(status).toBe(200);
    const [action] = body.commands[0].value;
    expect(body.commands[0].type).toBe('com.okta.telephony.action');
    expect(action).toMatchObject({ status: 'SUCCESSFUL', provider: 'VONAGE' });
    expect(connector.simulator.messages).toEqual([
      expect.objectContaining({ requestId: action.transactionId, channel: 'sms', to: '447400123456', code: '48213' }),
    ]);
  });

  it('should coerce a numeric otpCode and accept the secret behind a Bearer prefix', async () => {
    const { body } = await post(telephonyRequest({ phoneNumber: MOBILE, otpCode: 99812 }), `Bearer ${secret}`);

    expect(body.commands[0].value[0].status).toBe('SUCCESSFUL');
    expect(connector.simulator.messages[0].code).toBe('99812');
  });

  it.each(['Voice', 'voice call', 'CALL'])('should place a voice call when deliveryChannel is "%s"', async (deliveryChannel) => {
    const { body } = await post(telephonyRequest({ phoneNumber: MOBILE, otpCode: '5150', deliveryChannel }));

    expect(body.commands[0].value[0].status).toBe('SUCCESSFUL');
    expect(connector.simulator.messages).toEqual([expect.objectContaining({ channel: 'voice', code: '5150' })]);
  });

  it('should refuse an unknown or missing secret with 401 and send nothing', async () => {
    expect((await post(telephonyRequest({ phoneNumber: MOBILE }), 'otc_not-a-real-secret')).status).toBe(401);
    expect((await post(telephonyRequest({ phoneNumber: MOBILE }), null)).status).toBe(401);
    expect(connector.simulator.messages).toHaveLength(0);
  });

  it('should check the secret before the body: malformed JSON is 401 without a secret, 400 with one', async () => {
    expect((await post(null, null, '{"eventId": ')).status).toBe(401);
    const { status, body } = await post(null, secret, '{"eventId": ');
    expect(status).toBe(400);
    expect(body.error.errorSummary).toEqual(expect.any(String));
    expect(body.error.errorCauses[0]).toMatchObject({ reason: 'INVALID_REQUEST', location: 'body' });
  });

  it('should answer 400 naming the field when Okta omits the code', async () => {
    const request = telephonyRequest({ phoneNumber: MOBILE });
    delete request.data.messageProfile.otpCode;
    const { status, body } = await post(request);
    expect(status).toBe(400);
    expect(body.error.errorCauses[0].location).toBe('data.messageProfile.otpCode');
  });

  it("should refuse the Preview tool's number (9876543210) as INVALID_NUMBER without calling Vonage", async () => {
    const { status, body } = await post(telephonyRequest());
    expect(status).toBe(200);
    expect(body.error.errorCauses[0].reason).toBe('INVALID_NUMBER');
    expect(connector.simulator.messages).toHaveLength(0);
  });

  it('should answer a well-formed Okta error when Vonage rejects the number (422)', async () => {
    const { status, body } = await post(telephonyRequest({ phoneNumber: REJECTED_BY_VONAGE }));
    expect(status).toBe(200);
    expect(body.error.errorCauses[0].reason).toBe('VONAGE_REJECTED');
  });

  it('should answer within the 2.5 s budget when Vonage does not answer', async () => {
    const { status, body, elapsedMs } = await post(telephonyRequest({ phoneNumber: VONAGE_HANGS }));
    expect(status).toBe(200);
    expect(body.error.errorCauses[0].reason).toBe('VONAGE_UNAVAILABLE');
    expect(elapsedMs).toBeLessThan(2500);
  });

  it('should report Vonage throttling (429) as its own reason', async () => {
    const { body } = await post(telephonyRequest({ phoneNumber: VONAGE_THROTTLES }));
    expect(body.error.errorCauses[0].reason).toBe('VONAGE_THROTTLED');
  });

  it('should not send a second message when Okta repeats an eventId', async () => {
    const request = telephonyRequest({ phoneNumber: MOBILE, otpCode: '7788' });
    const first = await post(request);
    const second = await post(request);

    expect(connector.simulator.messages).toHaveLength(1);
    expect(second.body.commands[0].value[0].transactionId).toBe(first.body.commands[0].value[0].transactionId);
  });

  it('should cancel the still-open request and send once more when the user asks for a new code (409)', async () => {
    const first = await post(telephonyRequest({ phoneNumber: MOBILE, otpCode: '1111' }));
    const second = await post(telephonyRequest({ phoneNumber: MOBILE, otpCode: '2222' }));

    const firstId = first.body.commands[0].value[0].transactionId;
    expect(second.body.commands[0].value[0].status).toBe('SUCCESSFUL');
    expect(connector.simulator.cancels).toEqual([firstId]);
    expect(connector.simulator.messages.map((m) => m.code)).toEqual(['1111', '2222']);
  });

  it('should document every reason code in the OpenAPI description served at /docs', async () => {
    const spec = (await (await fetch(`${connector.baseUrl}/docs-json`)).json()) as { info: { description: string }; paths: Record<string, unknown> };
    for (const code of REASON_CODE_LIST) expect(spec.info.description).toContain(`\`${code}\``);
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/v1/hooks/okta/telephony', '/v1/admin/tokens']));
  });

  it('should count hook outcomes and Vonage calls at /metrics without any number or secret in it', async () => {
    await post(telephonyRequest({ phoneNumber: MOBILE, otpCode: '3141' }));
    await post(telephonyRequest({ phoneNumber: REJECTED_BY_VONAGE }));

    const text = await (await fetch(`${connector.baseUrl}/metrics`)).text();
    const value = (series: string) => Number(new RegExp(`^${series.replace(/[{}]/g, '\\$&')} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
    expect(value('otc_telephony_hook_requests_total{channel="SMS",status="SUCCESS",reason="DELIVERED"}')).toBeGreaterThanOrEqual(1);
    expect(value('otc_telephony_hook_requests_total{channel="SMS",status="FAILED",reason="VONAGE_REJECTED"}')).toBeGreaterThanOrEqual(1);
    expect(value('otc_vonage_request_duration_seconds_count{api="verify.start",outcome="started"}')).toBeGreaterThanOrEqual(1);
    expect(value('otc_vonage_request_duration_seconds_count{api="insights.lookup",outcome="ok"}')).toBeGreaterThanOrEqual(1);
    expect(text).not.toMatch(/447400\d{6}/);
    expect(text).not.toContain(secret);
  });
});
