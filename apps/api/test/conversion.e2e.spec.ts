import { DataSource } from 'typeorm';
import { ActivityService } from '../src/delivery/activity.service';
import { DashboardService } from '../src/dashboard/dashboard.service';
import { authViaMfaDelivery, Harness, startHarness, telephonyCall } from './support/connector-with-vonage';

jest.setTimeout(60_000);

describe('conversion: Okta sign-in events become Verify checks with the delivered code', () => {
  let h: Harness;
  let token: { id: string; secret: string };

  beforeAll(async () => {
    h = await startHarness();
    token = await h.createToken();
  });
  afterAll(() => h.stop());

  const inject = (url: string, payload: unknown) => h.post(url, payload, token.secret);

  async function sendOtp(phone: string, code: string, userId: string, channel: 'SMS' | 'Voice' = 'SMS') {
    const answer = await inject('/v1/hooks/okta/telephony', telephonyCall(h.clock, { phone, code, channel, userId }));
    expect(answer.statusCode).toBe(200);
    const requestId = answer.json().commands[0].value[0].transactionId as string;
    const attempt = (await h.connector.app.get(DataSource).query('SELECT id FROM otp_activity WHERE verify_request_id = $1', [requestId]))[0];
    return { requestId, activityId: attempt.id as string };
  }

  const activity = (id: string) => h.connector.app.get(ActivityService).find(id);
  const secrets = (id: string) => h.connector.app.get(ActivityService).readSecrets(id);
  const conversions = async () =>
    (await h.connector.app.get(DashboardService).authEventPage({ eventType: 'connector.conversion' }, { limit: 200, cursor: null })).items;

  it('should check the same code at Vonage after an SMS sign-in and mark the delivery converted', async () => {
    const { requestId, activityId } = await sendOtp('+447400120001', '482913', '00uCONVERT0001');
    const sent = h.vonage.simulator.messages.find((m) => m.requestId === requestId);
    expect(sent?.code).toBe('482913');
    expect((await secrets(activityId)).code).toBe('482913');

    h.clock.advance(20_000);
    expect((await inject('/v1/hooks/okta/events', authViaMfaDelivery(h.clock, { userId: '00uCONVERT0001', channel: 'sms' }))).statusCode).toBe(204);
    await h.worker().runOnce();

    const check = h.vonage.simulator.checks.find((c) => c.requestId === requestId);
    expect(check).toMatchObject({ code: '482913', status: 200 });
    expect(await activity(activityId)).toMatchObject({ deliveryState: 'CONVERTED' });
    expect((await activity(activityId))?.convertedAt).not.toBeNull();
    expect(await secrets(activityId)).toEqual({ code: null, destination: null });
    expect((await conversions()).find((e) => e.oktaUserId === '00uCONVERT0001')).toMatchObject({ factor: 'CONVERSION', outcome: 'SUCCESS' });
  });

  it('should show Okta events as recent auth events, the conversion on the OTP row, and checks only under kind=conversion', async () => {
    const { activityId } = await sendOtp('+447400120009', '130313', '00uCONVERT0009');
    h.clock.advance(15_000);
    await inject('/v1/hooks/okta/events', authViaMfaDelivery(h.clock, { userId: '00uCONVERT0009', channel: 'sms' }));
    await h.worker().runOnce();
    const admin = h.connector.app.get(DashboardService);

    const summary = await admin.summary('24h');
    expect(summary.recentAuthEvents.length).toBeGreaterThan(0);
    expect(summary.recentAuthEvents.every((e) => e.eventType !== 'connector.conversion')).toBe(true);
    const row = summary.recentActivity.find((a) => a.id === activityId);
    expect(row).toMatchObject({ deliveryState: 'CONVERTED', oktaLogin: 'test@example.com' });
    expect(row?.convertedAt).toBe(h.clock.now().toISOString());
    const checks = (await admin.authEventPage({ kind: 'conversion' }, { limit: 200, cursor: null })).items;
    const okta = (await admin.authEventPage({ kind: 'okta' }, { limit: 200, cursor: null })).items;
    expect(checks.length).toBeGreaterThan(0);
    expect(checks.every((e) => e.eventType === 'connector.conversion')).toBe(true);
    expect(okta.every((e) => e.eventType !== 'connector.conversion')).toBe(true);
  });

  it('should find attempts by the full number (through its keyed hash), the Okta user id or the login, and by outcome', async () => {
    const { activityId } = await sendOtp('+447400120010', '240424', '00uSEARCH0010');
    const admin = h.connector.app.get(DashboardService);
    const find = async (q: string) => (await admin.activityPage(admin.resolveSearch(q), { limit: 50, cursor: null })).items.map((a) => a.id);

    for (const q of ['+447400120010', '+44 7400 120010', '447400120010', '00uSEARCH0010', 'TEST@example.com']) expect(await find(q)).toContain(activityId);
    expect(await find('+447400120011')).toEqual([]);
    expect(await find('+447400120010')).toEqual([activityId]);
    const stored = await h.connector.app.get(DataSource).query('SELECT * FROM otp_activity WHERE id = $1', [activityId]);
    expect(JSON.stringify(stored)).not.toContain('7400120010');

    const delivered = await admin.activityPage({ outcomes: ['DELIVERED'] }, { limit: 200, cursor: null });
    const refused = await admin.activityPage({ outcomes: ['REFUSED_POLICY', 'REFUSED_FRAUD_GUARD'] }, { limit: 200, cursor: null });
    expect(delivered.items.map((a) => a.id)).toContain(activityId);
    expect(refused.items.map((a) => a.id)).not.toContain(activityId);
  });

  it('should convert a voice sign-in (CALL_FACTOR) against the voice delivery', async () => {
    const { requestId, activityId } = await sendOtp('+447400120002', '771204', '00uCONVERT0002', 'Voice');
    h.clock.advance(30_000);
    await inject('/v1/hooks/okta/events', authViaMfaDelivery(h.clock, { userId: '00uCONVERT0002', channel: 'voice' }));
    await h.worker().runOnce();
    expect(h.vonage.simulator.checks.find((c) => c.requestId === requestId)).toMatchObject({ code: '771204', status: 200 });
    expect((await activity(activityId))?.deliveryState).toBe('CONVERTED');
  });

  it('should check once for duplicated and reordered deliveries, ignoring the failed attempt', async () => {
    const { requestId } = await sendOtp('+447400120003', '550011', '00uCONVERT0003');
    h.clock.advance(10_000);
    const failed = authViaMfaDelivery(h.clock, { userId: '00uCONVERT0003', channel: 'sms', result: 'FAILURE' });
    h.clock.advance(10_000);
    const success = authViaMfaDelivery(h.clock, { userId: '00uCONVERT0003', channel: 'sms' });
    // The success arrives first, then the earlier failure, then both again (same eventIds), then the success event in a new delivery.
    for (const delivery of [success, failed, success, failed]) expect((await inject('/v1/hooks/okta/events', delivery)).statusCode).toBe(204);
    await inject('/v1/hooks/okta/events', { ...success, eventId: 'another-delivery-same-event' });
    await h.worker().runOnce();
    await h.worker().runOnce();
    expect(h.vonage.simulator.checks.filter((c) => c.requestId === requestId)).toHaveLength(1);
    const events = (await h.connector.app.get(DashboardService).authEventPage({}, { limit: 200, cursor: null })).items.filter((e) => e.oktaUserId === '00uCONVERT0003');
    expect(events.map((e) => `${e.factor}:${e.outcome}`).sort()).toEqual(['CONVERSION:SUCCESS', 'SMS_FACTOR:FAILURE', 'SMS_FACTOR:SUCCESS']);
  });

  it("should convert both of a user's sends when their two sign-ins wait in one batch, each send checked once", async () => {
    const first = await sendOtp('+447400120006', '610001', '00uCONVERT0006');
    h.clock.advance(10_000);
    const second = await sendOtp('+447400120007', '610002', '00uCONVERT0006');
    h.clock.advance(10_000);
    const delivery = authViaMfaDelivery(h.clock, { userId: '00uCONVERT0006', channel: 'sms' });
    const again = authViaMfaDelivery(h.clock, { userId: '00uCONVERT0006', channel: 'sms' });
    delivery.data.events.push(again.data.events[0]);
    expect((await inject('/v1/hooks/okta/events', delivery)).statusCode).toBe(204);

    // Both sign-ins match the newer send; one takes it, the other looks again at once and finds the older one.
    await h.worker().runOnce();
    await h.worker().runOnce();

    for (const { requestId, activityId } of [first, second]) {
      expect(h.vonage.simulator.checks.filter((c) => c.requestId === requestId)).toEqual([expect.objectContaining({ status: 200 })]);
      expect((await activity(activityId))?.deliveryState).toBe('CONVERTED');
    }
    const records = (await conversions()).filter((e) => e.oktaUserId === '00uCONVERT0006');
    expect(records.map((e) => e.outcome)).toEqual(['SUCCESS', 'SUCCESS']);
  });

  it('should record an unmatched sign-in with its reason after a few tries', async () => {
    await inject('/v1/hooks/okta/events', authViaMfaDelivery(h.clock, { userId: '00uNOBODY', channel: 'sms' }));
    for (let i = 0; i < 3; i++) {
      await h.worker().runOnce();
      h.clock.advance(60_000);
    }
    expect((await conversions()).find((e) => e.oktaUserId === '00uNOBODY')).toMatchObject({ outcome: 'UNMATCHED', reason: expect.stringContaining('NO_MATCHING_DELIVERY') });
  });

  it('should retry with backoff while Vonage is down and convert once it is back', async () => {
    const { requestId, activityId } = await sendOtp('+447400120004', '909090', '00uCONVERT0004');
    h.vonage.checksDown = true;
    await inject('/v1/hooks/okta/events', authViaMfaDelivery(h.clock, { userId: '00uCONVERT0004', channel: 'sms' }));
    await h.worker().runOnce();
    expect((await activity(activityId))?.convertedAt).toBeNull();
    // Not due again yet: the backoff holds it back.
    expect(await h.worker().runOnce()).toBe(0);
    h.vonage.checksDown = false;
    h.clock.advance(5_000);
    expect(await h.worker().runOnce()).toBe(1);
    expect(h.vonage.simulator.checks.filter((c) => c.requestId === requestId)).toEqual([expect.objectContaining({ status: 200, code: '909090' })]);
    expect((await activity(activityId))?.deliveryState).toBe('CONVERTED');
  });

  it('should erase the code and cancel the Verify request when the OTP expires unconverted', async () => {
    const { requestId, activityId } = await sendOtp('+447400120005', '123987', '00uEXPIRE0005');
    h.clock.advance(5 * 60_000 + 1_000);
    await h.worker().runOnce();
    await h.worker().runOnce();
    expect(h.vonage.simulator.cancels).toContain(requestId);
    expect(await secrets(activityId)).toEqual({ code: null, destination: null });
    expect((await activity(activityId))?.deliveryState).toBe('EXPIRED');
    // A sign-in reported after expiry finds no code: recorded, no check.
    await inject('/v1/hooks/okta/events', authViaMfaDelivery(h.clock, { userId: '00uEXPIRE0005', channel: 'sms', published: new Date(h.clock.now().getTime() - 90_000) }));
    await h.worker().runOnce();
    expect(h.vonage.simulator.checks.filter((c) => c.requestId === requestId)).toHaveLength(0);
    expect((await conversions()).find((e) => e.oktaUserId === '00uEXPIRE0005')).toMatchObject({ outcome: 'FAILURE', reason: expect.stringContaining('CODE_NOT_AVAILABLE') });
  });

  it('should erase a code Okta gave no expiry for once it is 15 minutes old, and not before', async () => {
    const call = telephonyCall(h.clock, { phone: '+447400120007', code: '551177', channel: 'SMS', userId: '00uUNTIMED0007' }) as { data: { messageProfile: Record<string, unknown> } };
    delete call.data.messageProfile.otpExpires;
    const answer = await inject('/v1/hooks/okta/telephony', call);
    const requestId = answer.json().commands[0].value[0].transactionId as string;
    const [{ id: activityId }] = await h.connector.app.get(DataSource).query('SELECT id FROM otp_activity WHERE verify_request_id = $1', [requestId]);
    h.clock.advance(14 * 60_000);
    await h.worker().runOnce();
    expect((await secrets(activityId)).code).toBe('551177');
    h.clock.advance(2 * 60_000);
    await h.worker().runOnce();
    await h.worker().runOnce();
    expect(await secrets(activityId)).toEqual({ code: null, destination: null });
    expect(h.vonage.simulator.cancels).toContain(requestId);
  });

  it('should still convert after a restart that happened while the conversion was pending', async () => {
    const { requestId, activityId } = await sendOtp('+447400120006', '246810', '00uRESTART0006');
    await inject('/v1/hooks/okta/events', authViaMfaDelivery(h.clock, { userId: '00uRESTART0006', channel: 'sms' }));
    expect(h.vonage.simulator.checks.filter((c) => c.requestId === requestId)).toHaveLength(0);

    await h.restart({ startWorker: true });
    const deadline = Date.now() + 10_000;
    while (!h.vonage.simulator.checks.some((c) => c.requestId === requestId) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(h.vonage.simulator.checks.find((c) => c.requestId === requestId)).toMatchObject({ code: '246810', status: 200 });
    await h.worker().runOnce();
    expect((await h.connector.app.get(ActivityService).find(activityId))?.deliveryState).toBe('CONVERTED');
  });
});
