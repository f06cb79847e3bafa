import { DataSource } from 'typeorm';
import { ActivityService } from '../src/delivery/activity.service';
import { authViaMfaDelivery, Harness, signedCallback, startHarness, telephonyCall } from './support/connector-with-vonage';

jest.setTimeout(60_000);

/** Two Okta orgs (two tokens) that happen to share an Okta user id: neither's event hook may act on the other's sends. */
describe('event hook results are scoped to the token that made the attempt', () => {
  let h: Harness;
  let first: { id: string; secret: string };
  let second: { id: string; secret: string };

  beforeAll(async () => {
    h = await startHarness();
    first = await h.createToken({ smsToVoiceFallback: true });
    second = await h.createToken();
  });
  afterAll(() => h.stop());

  const post = (url: string, payload: unknown, secret: string) =>
    h.connector.app.inject({ method: 'POST', url, headers: { authorization: secret, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
  const attemptsFor = (eventId: string) =>
    h.connector.app.get(DataSource).query(`SELECT id, channel, fallback_of FROM otp_activity WHERE okta_event_id = $1 ORDER BY (fallback_of IS NOT NULL), created_at`, [eventId]);
  const drain = async () => {
    for (let i = 0; i < 20 && (await h.worker().runOnce()) > 0; i++);
  };

  async function sendSms(phone: string, code: string, userId: string) {
    const call = telephonyCall(h.clock, { phone, code, channel: 'SMS', userId });
    const answer = await post('/v1/hooks/okta/telephony', call, first.secret);
    const requestId = answer.json().commands[0].value[0].transactionId as string;
    const [attempt] = await attemptsFor(call.eventId as string);
    return { eventId: call.eventId as string, requestId, activityId: attempt.id as string };
  }

  it("should neither check nor erase the first token's code when a second token reports the user's sign-in", async () => {
    const { requestId, activityId } = await sendSms('+447400130001', '314159', '00uSHARED0001');

    expect((await post('/v1/hooks/okta/events', authViaMfaDelivery(h.clock, { userId: '00uSHARED0001', channel: 'sms' }), second.secret)).statusCode).toBe(204);
    await drain();

    expect(h.vonage.simulator.checks.filter((c) => c.requestId === requestId)).toHaveLength(0);
    expect(await h.connector.app.get(ActivityService).readSecrets(activityId)).toMatchObject({ code: '314159' });
    expect((await h.connector.app.get(ActivityService).find(activityId))?.convertedAt).toBeNull();

    // The first token's own event hook still converts it.
    await post('/v1/hooks/okta/events', authViaMfaDelivery(h.clock, { userId: '00uSHARED0001', channel: 'sms' }), first.secret);
    await drain();
    expect(h.vonage.simulator.checks.find((c) => c.requestId === requestId)).toMatchObject({ code: '314159', status: 200 });
  });

  it("should not suppress the first token's voice fallback when a second token reports the user's sign-in", async () => {
    h.worker().stop();
    const { eventId, requestId } = await sendSms('+447400131005', '271828', '00uSHARED0002');
    await post('/v1/hooks/okta/events', authViaMfaDelivery(h.clock, { userId: '00uSHARED0002', channel: 'sms' }), second.secret);

    const failed = JSON.stringify({ request_id: requestId, type: 'event', channel: 'sms', status: 'failed', triggered_at: h.clock.now().toISOString() });
    const callback = await h.connector.app.inject({
      method: 'POST',
      url: '/v1/hooks/vonage/status',
      headers: { 'content-type': 'application/json', authorization: signedCallback(failed) },
      payload: failed,
    });

    expect(callback.statusCode).toBe(204);
    expect((await attemptsFor(eventId)).map((a: { channel: string }) => a.channel)).toEqual(['SMS', 'VOICE']);
    expect(h.vonage.simulator.messages.filter((m) => m.to === '447400131005' && m.channel === 'voice').map((m) => m.code)).toEqual(['271828']);
  });
});
