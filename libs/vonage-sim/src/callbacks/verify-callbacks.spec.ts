import { createHash } from 'crypto';
import { verifySignature } from '@vonage/jwt';
import { createVonageSimulator, type VonageSimulator } from '../index';
import { startCallbackReceiver, type CallbackReceiver, type ReceivedCallback } from '../testing/callback-receiver.fixture';
import { basicFor } from '../testing/sdk-client.fixture';

const SECRET = 'test-signature-secret';
const claimsOf = (cb: ReceivedCallback) => {
  const token = String(cb.headers.authorization).replace(/^Bearer /, '');
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
};

describe('Verify status callbacks', () => {
  let receiver: CallbackReceiver;
  let sim: VonageSimulator;
  let url: string;

  beforeEach(async () => {
    receiver = await startCallbackReceiver();
    sim = createVonageSimulator({ callbackUrl: receiver.url, signatureSecret: SECRET, callbackDelayMs: 5, applicationId: 'app-1' });
    url = await sim.listen();
  });
  afterEach(async () => {
    await sim.close();
    await receiver.close();
  });

  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: basicFor('sandbox-key', 'sandbox-secret'), 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Record<string, string> };
  };
  const start = async (to: string, channels: string[] = ['sms']) =>
    (await call('POST', '/v2/verify', { brand: 'Acme', code: '2468', client_ref: 'login-42', workflow: channels.map((channel) => ({ channel, to })) })).body.request_id;

  it('should sign every callback with an HS256 JWT whose payload_hash matches the body', async () => {
    await start('447700900301');
    await sim.flushCallbacks();
    expect(receiver.received).toHaveLength(1);
    const [callback] = receiver.received;
    const token = String(callback.headers.authorization).replace(/^Bearer /, '');
    expect(verifySignature(token, SECRET)).toBe(true);
    expect(verifySignature(token, 'another-secret')).toBe(false);
    expect(claimsOf(callback)).toEqual(expect.objectContaining({
      api_key: 'sandbox-key',
      iat: expect.any(Number),
      jti: expect.any(String),
      payload_hash: createHash('sha256').update(callback.raw).digest('hex'),
    }));
  });

  it('should post a completed event when a step starts and a completed summary on a good check', async () => {
    const requestId = await start('447700900302');
    await call('POST', `/v2/verify/${requestId}`, { code: '2468' });
    await sim.flushCallbacks();
    const [event, summary] = receiver.received.map((r) => r.body);
    expect(event).toEqual({ request_id: requestId, triggered_at: expect.any(String), type: 'event', channel: 'sms', status: 'completed', finalized_at: expect.any(String), client_ref: 'login-42' });
    expect(summary).toEqual(expect.objectContaining({
      request_id: requestId,
      type: 'summary',
      status: 'completed',
      workflow: [{ channel: 'sms', initiated_at: expect.any(String), status: 'completed' }],
      price: expect.any(Number),
      client_ref: 'login-42',
      finalized_at: expect.any(String),
    }));
  });

  it('should report the sms step failed for numbers ending 0777 and let the voice fallback complete', async () => {
    const requestId = await start('447700900777', ['sms', 'voice']);
    expect((await call('POST', `/v2/verify/${requestId}/next_workflow`)).status).toBe(200);
    expect((await call('POST', `/v2/verify/${requestId}`, { code: '2468' })).status).toBe(200);
    await sim.flushCallbacks();
    const bodies = receiver.received.map((r) => r.body);
    expect(bodies.filter((b) => b.type === 'event').map((b) => [b.channel, b.status])).toEqual([['sms', 'failed'], ['voice', 'completed']]);
    const summary = bodies.find((b) => b.type === 'summary');
    expect(summary?.workflow).toEqual([expect.objectContaining({ channel: 'sms', status: 'failed' }), expect.objectContaining({ channel: 'voice', status: 'completed' })]);
  });

  it('should accept numbers ending 0666 and then post a blocked summary with a network reason, sending nothing', async () => {
    const requestId = await start('447700900666');
    await sim.flushCallbacks();
    expect(sim.messages).toEqual([]);
    expect(receiver.received.map((r) => r.body)).toEqual([
      expect.objectContaining({
        request_id: requestId,
        type: 'summary',
        status: 'blocked',
        workflow: [expect.objectContaining({ channel: 'sms', status: 'blocked', reason: expect.stringMatching(/network \[ \d+ \]/) })],
      }),
    ]);
    expect((await call('POST', `/v2/verify/${requestId}`, { code: '2468' })).status).toBe(404);
  });

  it('should post a failed summary after too many wrong codes', async () => {
    const requestId = await start('447700900303');
    for (const code of ['0000', '0001', '0002']) await call('POST', `/v2/verify/${requestId}`, { code });
    await sim.flushCallbacks();
    expect(receiver.received.map((r) => r.body).find((b) => b.type === 'summary')).toEqual(expect.objectContaining({ status: 'failed' }));
  });

  it('should post later callbacks where the callback URL now points, and none once it is unset', async () => {
    const other = await startCallbackReceiver();
    try {
      sim.setCallbackUrl(other.url);
      await start('447700900307');
      await sim.flushCallbacks();
      sim.setCallbackUrl(undefined);
      await start('447700900308');
      await sim.flushCallbacks();
      expect(receiver.received).toEqual([]);
      expect(other.received.map((r) => r.body.type)).toEqual(['event']);
    } finally {
      await sim.close();
      await other.close();
    }
  });

  it('should retry a callback the receiver refused', async () => {
    receiver.answers.push(500);
    await start('447700900304');
    await sim.flushCallbacks();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1].raw).toBe(receiver.received[0].raw);
  });

  it('should give up quietly when the receiver is unreachable and keep serving', async () => {
    await receiver.close();
    await start('447700900305');
    await sim.flushCallbacks();
    expect((await call('POST', '/v2/verify', { brand: 'Acme', workflow: [{ channel: 'sms', to: '447700900306' }] })).status).toBe(202);
    receiver = await startCallbackReceiver(); // afterEach closes it
  });
});
