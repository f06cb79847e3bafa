import { stateChangeFor } from './status-callback.service';

describe('stateChangeFor', () => {
  it('should map Verify callbacks to delivery states', () => {
    const at = (type: 'event' | 'summary', status: string) => stateChangeFor({ type, status, requestId: 'r', reason: 'net block' })?.state ?? 'UNKNOWN';
    expect([at('event', 'completed'), at('event', 'failed'), at('summary', 'expired'), at('summary', 'blocked'), at('summary', 'completed'), at('event', 'action_pending')]).toEqual([
      'DELIVERED', 'FAILED', 'EXPIRED', 'BLOCKED_BY_VONAGE', 'CONVERTED', 'UNKNOWN',
    ]);
  });

  it('should never move a converted attempt back', () => {
    for (const status of ['completed', 'failed']) expect(stateChangeFor({ type: 'event', status, requestId: 'r', reason: null })?.from).not.toContain('CONVERTED');
  });

  it('should keep the anti-fraud reason', () => {
    expect(stateChangeFor({ type: 'summary', status: 'blocked', requestId: 'r', reason: 'network [ 23415 ]' })).toMatchObject({ reasonCode: 'VONAGE_BLOCKED', flag: { detail: 'network [ 23415 ]' } });
  });
});
