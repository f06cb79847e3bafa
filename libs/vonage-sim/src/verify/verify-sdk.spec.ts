import { createVonageSimulator, type VonageSimulator } from '../index';
import { basicFor, generateTestKeyPair, sdkClient, sdkFailure, TEST_APPLICATION_ID, type TestKeyPair } from '../testing/sdk-client.fixture';
import type { Vonage } from '@vonage/server-sdk';
import { tokenGenerate } from '@vonage/jwt';
import { Channels } from '@vonage/verify2';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const sms = (to: string) => ({ channel: Channels.SMS as const, to });
const voice = (to: string) => ({ channel: Channels.VOICE as const, to });

describe('Verify v2 through the real @vonage/server-sdk', () => {
  const keys: TestKeyPair = generateTestKeyPair();
  let sim: VonageSimulator;
  let url: string;
  let vonage: Vonage;

  beforeEach(async () => {
    sim = createVonageSimulator({ applicationId: TEST_APPLICATION_ID, publicKey: keys.publicKey });
    url = await sim.listen();
    vonage = sdkClient(url, keys);
  });
  afterEach(() => sim.close());

  const post = (path: string, authorization: string, body: unknown) =>
    fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify(body) });

  it('should accept an sms request with a custom code and record the message carrying that code', async () => {
    const { requestId } = await vonage.verify2.newRequest({ brand: 'Acme', code: 'Ab12Cd', workflow: [sms('447700900123')], clientRef: 'ref-1' });
    expect(requestId).toMatch(UUID);
    expect(sim.messages).toEqual([
      expect.objectContaining({ requestId, channel: 'sms', to: '447700900123', code: 'Ab12Cd', brand: 'Acme', from: 'Acme', locale: 'en-us', clientRef: 'ref-1' }),
    ]);
    expect(sim.messages[0].text).toBe('Acme: Your code is Ab12Cd');
  });

  it('should answer 202 with application/json so the SDK can parse the request id', async () => {
    const res = await fetch(`${url}/v2/verify`, {
      method: 'POST',
      headers: { authorization: basicFor('sandbox-key', 'sandbox-secret'), 'content-type': 'application/json' },
      body: JSON.stringify({ brand: 'Acme', workflow: [sms('447700900124')] }),
    });
    expect(res.status).toBe(202);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(Object.keys((await res.json()) as object)).toEqual(['request_id']);
  });

  it('should generate a numeric code of code_length digits when no code is given', async () => {
    await vonage.verify2.newRequest({ brand: 'Acme', workflow: [sms('447700900125')] });
    await vonage.verify2.newRequest({ brand: 'Acme', codeLength: 6, workflow: [sms('447700900126')] });
    expect(sim.messages.map((m) => m.code)).toEqual([expect.stringMatching(/^\d{4}$/), expect.stringMatching(/^\d{6}$/)]);
  });

  it('should complete on the right code and then treat the request as not found', async () => {
    const { requestId } = await vonage.verify2.newRequest({ brand: 'Acme', code: '123456', workflow: [sms('447700900127')] });
    await expect(vonage.verify2.checkCode(requestId, '123456')).resolves.toBe('completed');
    const again = await sdkFailure(vonage.verify2.checkCode(requestId, '123456'));
    expect(again.status).toBe(404);
    expect(again.body.detail).toBe(`Request '${requestId}' was not found or it has been verified already.`);
    expect(sim.checks.map((c) => c.status)).toEqual([200, 404]);
  });

  it('should answer 400 Invalid Code twice and 410 on the third wrong code, even if the right code follows', async () => {
    const { requestId } = await vonage.verify2.newRequest({ brand: 'Acme', code: '123456', workflow: [sms('447700900128')] });
    const first = await sdkFailure(vonage.verify2.checkCode(requestId, '000000'));
    expect(first).toEqual({ status: 400, body: expect.objectContaining({ title: 'Invalid Code' }) });
    expect((await sdkFailure(vonage.verify2.checkCode(requestId, '000001'))).status).toBe(400);
    const third = await sdkFailure(vonage.verify2.checkCode(requestId, '000002'));
    expect(third).toEqual({ status: 410, body: expect.objectContaining({ detail: 'An incorrect code has been provided too many times. Workflow terminated.' }) });
    expect((await sdkFailure(vonage.verify2.checkCode(requestId, '123456'))).status).toBe(410);
  });

  it('should cancel an active request once and free its number', async () => {
    const { requestId } = await vonage.verify2.newRequest({ brand: 'Acme', workflow: [sms('447700900129')] });
    await expect(vonage.verify2.cancel(requestId)).resolves.toBe(true);
    await expect(vonage.verify2.cancel(requestId)).resolves.toBe(false);
    expect(sim.cancels).toEqual([requestId]);
    await expect(vonage.verify2.newRequest({ brand: 'Acme', workflow: [sms('447700900129')] })).resolves.toEqual(expect.objectContaining({ requestId: expect.stringMatching(UUID) }));
  });

  it('should start the voice step on next_workflow and refuse when no step is left', async () => {
    const { requestId } = await vonage.verify2.newRequest({ brand: 'Acme', code: '4321', workflow: [sms('447700900130'), voice('447700900130')] });
    await expect(vonage.verify2.nextWorkflow(requestId)).resolves.toBe(true);
    expect(sim.messages.map((m) => [m.channel, m.code])).toEqual([['sms', '4321'], ['voice', '4321']]);
    expect(sim.messages[1].text).toContain('4321');
    await expect(vonage.verify2.nextWorkflow(requestId)).resolves.toBe(false);
    const res = await fetch(`${url}/v2/verify/${requestId}/next_workflow`, { method: 'POST', headers: { authorization: basicFor('sandbox-key', 'sandbox-secret') } });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual(expect.objectContaining({ title: 'Conflict', detail: 'There are no more events left to trigger.' }));
  });

  it('should refuse a concurrent request to the same number with the active request id', async () => {
    const { requestId } = await vonage.verify2.newRequest({ brand: 'Acme', workflow: [sms('447700900131')] });
    const conflict = await sdkFailure(vonage.verify2.newRequest({ brand: 'Acme', workflow: [voice('447700900131')] }));
    expect(conflict).toEqual({ status: 409, body: expect.objectContaining({ title: 'Conflict', request_id: requestId }) });
  });

  it('should answer 409 when checking a code during a silent_auth step', async () => {
    const res = await fetch(`${url}/v2/verify`, {
      method: 'POST',
      headers: { authorization: basicFor('sandbox-key', 'sandbox-secret'), 'content-type': 'application/json' },
      body: JSON.stringify({ brand: 'Acme', workflow: [{ channel: 'silent_auth', to: '447700900132' }, sms('447700900132')] }),
    });
    const { request_id: requestId, check_url: checkUrl } = (await res.json()) as { request_id: string; check_url: string };
    expect(checkUrl).toContain(requestId);
    const failure = await sdkFailure(vonage.verify2.checkCode(requestId, '1234'));
    expect(failure).toEqual({ status: 409, body: expect.objectContaining({ detail: 'The current Verify workflow step does not support a code.' }) });
  });

  it('should answer 403 Forbidden when fraud_check is disabled', async () => {
    const failure = await sdkFailure(vonage.verify2.newRequest({ brand: 'Acme', fraudCheck: false, workflow: [sms('447700900133')] }));
    expect(failure).toEqual({ status: 403, body: expect.objectContaining({ title: 'Forbidden' }) });
  });

  describe('authentication', () => {
    it('should reject a JWT for another application with 401', async () => {
      const other = sdkClient(url, keys, { applicationId: 'another-application' });
      expect((await sdkFailure(other.verify2.newRequest({ brand: 'Acme', workflow: [sms('447700900134')] }))).status).toBe(401);
    });

    it('should reject a JWT signed by another key when a public key is configured', async () => {
      const impostor = sdkClient(url, generateTestKeyPair());
      expect((await sdkFailure(impostor.verify2.newRequest({ brand: 'Acme', workflow: [sms('447700900135')] }))).status).toBe(401);
    });

    it('should refuse a token signed by another key after accepting tokens of the right key', async () => {
      await vonage.verify2.newRequest({ brand: 'Acme', workflow: [sms('447700900137')] });
      const forged = tokenGenerate(TEST_APPLICATION_ID, generateTestKeyPair().privateKey);
      expect((await post('/v2/verify', `Bearer ${forged}`, { brand: 'Acme', workflow: [sms('447700900138')] })).status).toBe(401);
    });

    it('should keep accepting a token it has checked, until that token expires', async () => {
      const token = tokenGenerate(TEST_APPLICATION_ID, keys.privateKey, { ttl: 1 });
      const { exp } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { exp: number };
      expect((await post('/v2/verify', `Bearer ${token}`, { brand: 'Acme', workflow: [sms('447700900139')] })).status).toBe(202);
      expect((await post('/v2/verify', `Bearer ${token}`, { brand: 'Acme', workflow: [sms('447700900140')] })).status).toBe(202);
      await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 50));
      expect((await post('/v2/verify', `Bearer ${token}`, { brand: 'Acme', workflow: [sms('447700900141')] })).status).toBe(401);
      expect(sim.messages.map((m) => m.to)).toEqual(['447700900139', '447700900140']);
    });

    it.each([
      ['wrong secret', basicFor('sandbox-key', 'wrong')],
      ['no header', undefined],
      ['garbage bearer', 'Bearer not.a.jwt'],
    ])('should answer 401 RFC 7807 for %s', async (_label, authorization) => {
      const res = await fetch(`${url}/v2/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ brand: 'Acme', workflow: [sms('447700900136')] }),
      });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual(expect.objectContaining({ title: 'Unauthorized', type: expect.any(String), instance: expect.any(String) }));
      expect(sim.messages).toEqual([]);
    });
  });

  describe('scenarios by the last four digits', () => {
    it.each([
      ['0422', 422, 'Invalid params'],
      ['0429', 429, 'Rate Limit Hit'],
      ['0500', 500, 'Internal Server Error'],
      ['0503', 503, 'Service Unavailable'],
    ])('should answer number ending %s with %i and send nothing', async (suffix, status, title) => {
      const failure = await sdkFailure(vonage.verify2.newRequest({ brand: 'Acme', workflow: [sms(`4477009${suffix}`)] }));
      expect(failure).toEqual({ status, body: expect.objectContaining({ title }) });
      expect(sim.messages).toEqual([]);
    });

    it('should leave number ending 0408 unanswered so the client times out', async () => {
      const impatient = sdkClient(url, keys, { timeout: 300 });
      const started = Date.now();
      await expect(impatient.verify2.newRequest({ brand: 'Acme', workflow: [sms('447700900408')] })).rejects.toMatchObject({ name: 'AbortError' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    });

    it('should end a hanging response when closed', async () => {
      const pending = fetch(`${url}/v2/verify`, {
        method: 'POST',
        headers: { authorization: basicFor('sandbox-key', 'sandbox-secret'), 'content-type': 'application/json' },
        body: JSON.stringify({ brand: 'Acme', workflow: [sms('447700900408')] }),
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      await sim.close();
      await expect(pending).rejects.toThrow();
    });
  });
});
