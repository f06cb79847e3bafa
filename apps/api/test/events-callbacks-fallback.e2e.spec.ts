import { createHash, createHmac } from 'crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ActivityService } from '../src/delivery/activity.service';
import { DashboardService } from '../src/dashboard/dashboard.service';
import { authViaMfaDelivery, fixture, Harness, SIGNATURE_SECRET, startHarness, telephonyCall } from './support/connector-with-vonage';

jest.setTimeout(60_000);

function signed(body: string, secret = SIGNATURE_SECRET): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ iat: Math.floor(Date.now() / 1000), iss: 'Vonage', payload_hash: createHash('sha256').update(body).digest('hex') })}`;
  return `Bearer ${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

describe('event hook, Vonage status callbacks and SMS-to-voice fallback', () => {
  let h: Harness;
  let token: { id: string; secret: string };
  let fallbackToken: { id: string; secret: string };

  beforeAll(async () => {
    h = await startHarness();
    token = await h.createToken();
    fallbackToken = await h.createToken({ smsToVoiceFallback: true });
  });
  afterAll(() => h.stop());

  const post = (url: string, payload: unknown, secret = token.secret) =>
    h.connector.app.inject({ method: 'POST', url, headers: { authorization: secret, 'content-type': 'application/json' }, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });
  const count = async (table: string) => Number((await h.connector.app.get(DataSource).query(`SELECT count(*) AS n FROM ${table}`))[0].n);
  const attemptsFor = (eventId: string) =>
    h.connector.app.get(DataSource).query(`SELECT id, channel, status, delivery_state, fallback_of, verify_request_id, reason_code, description FROM otp_activity WHERE okta_event_id = $1 ORDER BY (fallback_of IS NOT NULL), created_at`, [eventId]);
  // Earlier tests queue jobs too (a batch of 100 sign-ins): run the worker until nothing is due.
  const drain = async () => {
    for (let i = 0; i < 50 && (await h.worker().runOnce()) > 0; i++);
  };
  const waitFor = async (condition: () => Promise<boolean> | boolean) => {
    // Generous: callbacks go through the simulator, the connector and the database on a busy machine.
    const deadline = Date.now() + 20_000;
    while (!(await condition()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    await h.vonage.simulator.flushCallbacks();
  };

  describe('Okta event hook', () => {
    it('should answer the verification challenge', async () => {
      const answer = await h.connector.app.inject({ method: 'GET', url: '/v1/hooks/okta/events', headers: { 'x-okta-verification-challenge': 'value_from_header' } });
      expect(answer.statusCode).toBe(200);
      expect(answer.json()).toEqual(fixture('event-hook-verification-response.okta-concepts.json'));
    });

    it('should refuse deliveries without a valid token before reading the body', async () => {
      expect((await post('/v1/hooks/okta/events', '{not json', 'wrong-secret-123')).statusCode).toBe(401);
    });

    it('should answer 400 to a malformed delivery and store nothing', async () => {
      const before = [await count('okta_event_delivery'), await count('auth_event')];
      expect((await post('/v1/hooks/okta/events', '{not json')).statusCode).toBe(400);
      const bad = await post('/v1/hooks/okta/events', { eventId: 'x', data: { events: [{ uuid: 'ok' }, 'not an event'] } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().message).toContain('data.events[1]');
      expect([await count('okta_event_delivery'), await count('auth_event')]).toEqual(before);
    });

    it('should store recorded Okta deliveries once, whatever the redeliveries', async () => {
      const session = fixture('event-hook-delivery-user.session.start.okta-concepts-current.json');
      const deactivate = { eventType: 'com.okta.event_hook', eventId: 'deactivate-delivery', data: { events: [fixture('event-hook-logevent-user.lifecycle.deactivate.okta-guide.json')] } };
      for (const delivery of [session, deactivate, session, deactivate]) expect((await post('/v1/hooks/okta/events', delivery)).statusCode).toBe(204);
      const events = (await h.connector.app.get(DashboardService).authEventPage({ tokenId: token.id }, { limit: 50, cursor: null })).items;
      expect(events.map((e) => e.eventType).sort()).toEqual(['user.lifecycle.deactivate', 'user.session.start']);
      expect(events.find((e) => e.eventType === 'user.session.start')).toMatchObject({ outcome: 'SUCCESS', oktaUserId: '00uz9fj5aT69fHVro1d6', requestId: 'ZCCzm8j2wTvzwele2NwLnwAADSc' });
    });

    it('should read unexpected casing and unknown event types', async () => {
      const delivery = authViaMfaDelivery(h.clock, { userId: '00uCASING', channel: 'sms' });
      const event = delivery.data.events[0];
      event.eventType = 'User.Authentication.Auth_Via_MFA';
      event.Outcome = { Result: 'success' };
      delete event.outcome;
      event.debugContext = { debugData: { factor: 'sms_factor' } };
      delivery.data.events.push({ uuid: 'unknown-type-1', eventType: 'brand.new.event_type', published: h.clock.now().toISOString(), outcome: { result: 'Weird' } });
      expect((await post('/v1/hooks/okta/events', delivery)).statusCode).toBe(204);
      const items = (await h.connector.app.get(DashboardService).authEventPage({}, { limit: 50, cursor: null })).items;
      expect(items.find((e) => e.oktaUserId === '00uCASING')).toMatchObject({ eventType: 'user.authentication.auth_via_mfa', factor: 'SMS_FACTOR', outcome: 'SUCCESS' });
      expect(items.find((e) => e.eventType === 'brand.new.event_type')).toMatchObject({ outcome: 'WEIRD', factor: null });
    });

    it('should take a batch of 100 events well inside Okta\'s 3 seconds', async () => {
      const delivery = authViaMfaDelivery(h.clock, { userId: '00uBATCH', channel: 'sms' });
      const template = delivery.data.events[0];
      delivery.data.events = Array.from({ length: 100 }, (_, i) => ({ ...template, uuid: `batch-${i}` }));
      const started = Date.now();
      expect((await post('/v1/hooks/okta/events', delivery)).statusCode).toBe(204);
      expect(Date.now() - started).toBeLessThan(1000);
    });
  });

  describe('Vonage status callbacks', () => {
    const callback = JSON.stringify({ request_id: '00000000-0000-4000-8000-000000000000', type: 'event', channel: 'sms', status: 'completed', triggered_at: new Date().toISOString() });

    it('should refuse unsigned and wrongly signed callbacks with 401', async () => {
      const url = '/v1/hooks/vonage/status';
      const headers = { 'content-type': 'application/json' };
      expect((await h.connector.app.inject({ method: 'POST', url, headers, payload: callback })).statusCode).toBe(401);
      expect((await h.connector.app.inject({ method: 'POST', url, headers: { ...headers, authorization: signed(callback, 'not-the-secret') }, payload: callback })).statusCode).toBe(401);
      const tampered = callback.replace('completed', 'failed');
      expect((await h.connector.app.inject({ method: 'POST', url, headers: { ...headers, authorization: signed(callback) }, payload: tampered })).statusCode).toBe(401);
      expect((await h.connector.app.inject({ method: 'POST', url, headers: { ...headers, authorization: signed(callback) }, payload: callback })).statusCode).toBe(204);
    });

    it('should record delivered, and a block by Vonage anti-fraud with its reason', async () => {
      const ok = telephonyCall(h.clock, { phone: '+447400121001', code: '111222', channel: 'SMS', userId: '00uCB1' });
      const blocked = telephonyCall(h.clock, { phone: '+447400120666', code: '333444', channel: 'SMS', userId: '00uCB2' });
      await post('/v1/hooks/okta/telephony', ok);
      await post('/v1/hooks/okta/telephony', blocked);
      // The two callbacks may arrive in either order.
      await waitFor(async () => (await attemptsFor(blocked.eventId as string))[0]?.delivery_state === 'BLOCKED_BY_VONAGE');
      await waitFor(async () => (await attemptsFor(ok.eventId as string))[0]?.delivery_state === 'DELIVERED');
      expect((await attemptsFor(ok.eventId as string))[0].delivery_state).toBe('DELIVERED');
      const [row] = await attemptsFor(blocked.eventId as string);
      expect(row).toMatchObject({ delivery_state: 'BLOCKED_BY_VONAGE', reason_code: 'VONAGE_BLOCKED' });
      expect(row.description).toContain('Fraudulent traffic detected');
      const counters = (await h.connector.app.get(DashboardService).summary('24h')).counters;
      expect(counters.smsBlocked).toBeGreaterThanOrEqual(1);
    });

    it('should apply a callback that overtook a record write the database stalled', async () => {
      // The record waits in the send journal (its write timed out) while Vonage's callback is already here.
      const locker = new Client({ connectionString: (h.connector.app.get(DataSource).options as { url: string }).url });
      await locker.connect();
      let answerVonage!: () => void;
      h.vonage.startAnswersHeldUntil = new Promise((resolve) => (answerVonage = resolve));
      const blocked = telephonyCall(h.clock, { phone: '+447400130666', code: '555666', channel: 'SMS', userId: '00uCB3' });
      const answered = post('/v1/hooks/okta/telephony', blocked);
      try {
        // Not waitFor: it also waits out Vonage's callbacks, and this one waits for the record.
        while ((await attemptsFor(blocked.eventId as string)).length === 0) await new Promise((r) => setTimeout(r, 10));
        await locker.query('BEGIN');
        await locker.query('SELECT id FROM otp_activity WHERE okta_event_id = $1 FOR UPDATE', [blocked.eventId]);
        answerVonage();
        // The row stays locked until Okta is answered: the hook's write times out and is journalled.
        expect((await answered).json().commands[0].value[0].status).toBe('SUCCESSFUL');
      } finally {
        h.vonage.startAnswersHeldUntil = null;
        await locker.query('ROLLBACK').catch(() => undefined);
        await locker.end();
      }
      await waitFor(async () => (await attemptsFor(blocked.eventId as string))[0].delivery_state === 'BLOCKED_BY_VONAGE');
      expect((await attemptsFor(blocked.eventId as string))[0]).toMatchObject({ delivery_state: 'BLOCKED_BY_VONAGE', reason_code: 'VONAGE_BLOCKED' });
    });
  });

  describe('SMS-to-voice fallback', () => {
    it('should call with the same code when Vonage rejects the SMS synchronously', async () => {
      h.vonage.rejectSmsTo.add('447400120423');
      const call = telephonyCall(h.clock, { phone: '+447400120423', code: '864209', channel: 'SMS', userId: '00uFB1' });
      const answer = await post('/v1/hooks/okta/telephony', call, fallbackToken.secret);
      expect(answer.json().commands[0].value[0].status).toBe('SUCCESSFUL');
      const [sms, voice] = await attemptsFor(call.eventId as string);
      expect(sms).toMatchObject({ channel: 'SMS', status: 'FAILED', reason_code: 'VONAGE_REJECTED' });
      expect(voice).toMatchObject({ channel: 'VOICE', status: 'SUCCESS', fallback_of: sms.id });
      expect(h.vonage.simulator.messages.find((m) => m.requestId === voice.verify_request_id)).toMatchObject({ channel: 'voice', code: '864209' });

      // Okta repeating the same call gets the voice call's answer again, and nobody is called twice.
      const repeated = await post('/v1/hooks/okta/telephony', call, fallbackToken.secret);
      expect(repeated.json().commands[0].value[0]).toMatchObject({ status: 'SUCCESSFUL', transactionId: voice.verify_request_id });
      expect(h.vonage.simulator.messages.filter((m) => m.channel === 'voice' && m.code === '864209')).toHaveLength(1);
    });

    it('should call with the same code when Vonage reports the SMS failed, and convert the call', async () => {
      const call = telephonyCall(h.clock, { phone: '+447400120777', code: '975310', channel: 'SMS', userId: '00uFB2' });
      await post('/v1/hooks/okta/telephony', call, fallbackToken.secret);
      await waitFor(async () => (await attemptsFor(call.eventId as string))[1]?.verify_request_id != null);
      const [sms, voice] = await attemptsFor(call.eventId as string);
      expect(sms).toMatchObject({ channel: 'SMS', delivery_state: 'FAILED' });
      expect(voice).toMatchObject({ channel: 'VOICE', fallback_of: sms.id });
      expect(h.vonage.simulator.messages.filter((m) => m.to === '447400120777').map((m) => `${m.channel}:${m.code}`)).toEqual(['sms:975310', 'voice:975310']);

      await post('/v1/hooks/okta/events', authViaMfaDelivery(h.clock, { userId: '00uFB2', channel: 'sms' }), fallbackToken.secret);
      await drain();
      expect(h.vonage.simulator.checks.find((c) => c.requestId === voice.verify_request_id)).toMatchObject({ code: '975310', status: 200 });
    });

    it('should never call a user whose SMS was already converted', async () => {
      const call = telephonyCall(h.clock, { phone: '+447400121003', code: '424242', channel: 'SMS', userId: '00uFB3' });
      const answer = await post('/v1/hooks/okta/telephony', call, fallbackToken.secret);
      const requestId = answer.json().commands[0].value[0].transactionId as string;
      await post('/v1/hooks/okta/events', authViaMfaDelivery(h.clock, { userId: '00uFB3', channel: 'sms' }), fallbackToken.secret);
      await drain();
      // A late "failed" for the SMS (e.g. a wrong delivery receipt) arrives after the sign-in.
      const late = JSON.stringify({ request_id: requestId, type: 'event', channel: 'sms', status: 'failed', triggered_at: h.clock.now().toISOString() });
      const result = await h.connector.app.inject({ method: 'POST', url: '/v1/hooks/vonage/status', headers: { 'content-type': 'application/json', authorization: signed(late) }, payload: late });
      expect(result.statusCode).toBe(204);
      expect((await attemptsFor(call.eventId as string)).map((a: { channel: string }) => a.channel)).toEqual(['SMS']);
      expect(h.vonage.simulator.messages.filter((m) => m.to === '447400121003' && m.channel === 'voice')).toHaveLength(0);
    });

    it('should not call when Okta already reported the sign-in, even before conversion ran', async () => {
      const call = telephonyCall(h.clock, { phone: '+447400121004', code: '515151', channel: 'SMS', userId: '00uFB4' });
      const answer = await post('/v1/hooks/okta/telephony', call, fallbackToken.secret);
      const requestId = answer.json().commands[0].value[0].transactionId as string;
      h.worker().stop();
      await post('/v1/hooks/okta/events', authViaMfaDelivery(h.clock, { userId: '00uFB4', channel: 'sms' }), fallbackToken.secret);
      const late = JSON.stringify({ request_id: requestId, type: 'event', channel: 'sms', status: 'failed', triggered_at: h.clock.now().toISOString() });
      await h.connector.app.inject({ method: 'POST', url: '/v1/hooks/vonage/status', headers: { 'content-type': 'application/json', authorization: signed(late) }, payload: late });
      expect((await attemptsFor(call.eventId as string))).toHaveLength(1);
      expect((await h.connector.app.get(ActivityService).find((await attemptsFor(call.eventId as string))[0].id))?.deliveryState).toBe('FAILED');
    });
  });
});
