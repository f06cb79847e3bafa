import { parseAuthEvent, parseEventDelivery } from './event-hook-request';

describe('parseEventDelivery', () => {
  it('should refuse a delivery whose events are not an array, naming the field', () => {
    expect(parseEventDelivery({ data: {} })).toEqual({ ok: false, errors: [{ field: 'data.events', message: 'data.events must be an array' }] });
  });

  it('should read the factor from debugData, outcome.reason or the enrollment method', () => {
    expect(parseAuthEvent({ debugContext: { debugData: { factor: 'call_factor' } } }).factor).toBe('CALL_FACTOR');
    expect(parseAuthEvent({ outcome: { result: 'FAILURE', reason: 'INVALID_CREDENTIALS SMS_FACTOR' } }).factor).toBe('SMS_FACTOR');
    expect(parseAuthEvent({ target: [{ type: 'AuthenticatorEnrollment', detailEntry: { methodTypeUsed: 'VOICE' } }] }).factor).toBe('CALL_FACTOR');
  });

  it('should give an event without uuid a stable content-derived id', () => {
    const event = { eventType: 'x', published: '2025-01-01T00:00:00Z' };
    expect(parseAuthEvent(event).uuid).toBe(parseAuthEvent({ ...event }).uuid);
    expect(parseAuthEvent(event).uuid).toMatch(/^sha256:/);
  });

  it('should tolerate odd casing and a null actor', () => {
    const parsed = parseAuthEvent({ UUID: 'u1', EventType: 'User.Session.Start', outcome: { Result: 'allow' }, actor: null });
    expect(parsed).toMatchObject({ uuid: 'u1', eventType: 'user.session.start', outcome: 'ALLOW', oktaUserId: null });
  });
});
