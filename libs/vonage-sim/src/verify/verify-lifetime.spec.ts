import { createVonageSimulator, type VonageSimulator } from '../index';
import { startCallbackReceiver, type CallbackReceiver } from '../testing/callback-receiver.fixture';
import { basicFor } from '../testing/sdk-client.fixture';

describe('Verify request lifetime on the injected clock', () => {
  let clock: Date;
  let receiver: CallbackReceiver;
  let sim: VonageSimulator;
  let url: string;
  const advance = (seconds: number) => (clock = new Date(clock.getTime() + seconds * 1000));

  beforeEach(async () => {
    clock = new Date('2030-01-01T10:00:00Z');
    receiver = await startCallbackReceiver();
    sim = createVonageSimulator({ now: () => clock, callbackUrl: receiver.url, callbackDelayMs: 0 });
    url = await sim.listen();
  });
  afterEach(async () => {
    await sim.close();
    await receiver.close();
  });

  const create = async (body: object) => {
    const res = await fetch(`${url}/v2/verify`, {
      method: 'POST',
      headers: { authorization: basicFor('sandbox-key', 'sandbox-secret'), 'content-type': 'application/json' },
      body: JSON.stringify({ brand: 'Acme', code: '1357', ...body }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, string> };
  };
  const twoSteps = { channel_timeout: 60, workflow: [{ channel: 'sms', to: '447700900401' }, { channel: 'voice', to: '447700900401' }] };

  it('should keep a request active for its default 180 s step and free the number afterwards', async () => {
    const body = { workflow: [{ channel: 'sms', to: '447700900402' }] };
    expect((await create(body)).status).toBe(202);
    advance(179);
    expect((await create(body)).status).toBe(409);
    advance(1);
    expect((await create(body)).status).toBe(202);
  });

  it('should start the next step when a channel times out and expire after the sum of timeouts', async () => {
    const first = await create(twoSteps);
    advance(59);
    expect((await create(twoSteps)).status).toBe(409);
    expect(sim.messages.map((m) => m.channel)).toEqual(['sms']);
    advance(1);
    expect((await create(twoSteps)).body.request_id).toBe(first.body.request_id);
    expect(sim.messages.map((m) => [m.channel, m.sentAt.toISOString()])).toEqual([
      ['sms', '2030-01-01T10:00:00.000Z'],
      ['voice', '2030-01-01T10:01:00.000Z'],
    ]);
    advance(60);
    expect((await create(twoSteps)).status).toBe(202);
  });

  it('should answer 404 to a check after expiry and post an expired summary', async () => {
    const { body } = await create({ channel_timeout: 15, workflow: [{ channel: 'sms', to: '447700900403' }] });
    advance(15);
    const res = await fetch(`${url}/v2/verify/${body.request_id}`, {
      method: 'POST',
      headers: { authorization: basicFor('sandbox-key', 'sandbox-secret'), 'content-type': 'application/json' },
      body: JSON.stringify({ code: '1357' }),
    });
    expect(res.status).toBe(404);
    await sim.flushCallbacks();
    const summary = receiver.received.map((r) => r.body).find((b) => b.type === 'summary');
    expect(summary).toEqual(expect.objectContaining({ request_id: body.request_id, status: 'expired', workflow: [expect.objectContaining({ status: 'expired' })] }));
  });

  it('should post the expired summary from flushCallbacks when no traffic arrives', async () => {
    await create({ channel_timeout: 15, workflow: [{ channel: 'sms', to: '447700900404' }] });
    advance(16);
    await sim.flushCallbacks();
    expect(receiver.received.map((r) => r.body.status)).toEqual(['completed', 'expired']);
  });
});
