import { ACTIVITY_STATUSES, DELIVERY_STATES } from './activity';
import type { DeliveryState } from './activity';
import { ACTIVITY_OUTCOMES, COUNTER_GROUPS, COUNTER_GROUP_NAMES, activityOutcome, channelCounters, emptyOutcomeCounts } from './activity-outcome';
import type { ActivityOutcome } from './activity-outcome';

const STATES: Array<DeliveryState | null> = [null, ...DELIVERY_STATES];

describe('activityOutcome', () => {
  it.each([
    ['SUCCESS', 'DELIVERED', 'DELIVERED', 'DELIVERED'],
    ['SUCCESS', 'DELIVERED', 'CONVERTED', 'DELIVERED'],
    ['SUCCESS', 'DELIVERED', 'EXPIRED', 'DELIVERED'],
    ['FLAGGED', 'NETWORK_TYPE_NOT_ALLOWED', 'DELIVERED', 'DELIVERED_FLAGGED'],
    ['BLOCKED', 'COUNTRY_NOT_ALLOWED', null, 'REFUSED_POLICY'],
    ['BLOCKED', 'FRAUD_PREFIX_VELOCITY', null, 'REFUSED_FRAUD_GUARD'],
    ['SUCCESS', 'VONAGE_BLOCKED', 'BLOCKED_BY_VONAGE', 'BLOCKED_BY_VONAGE'],
    ['FLAGGED', 'VONAGE_BLOCKED', 'BLOCKED_BY_VONAGE', 'BLOCKED_BY_VONAGE'],
    ['SUCCESS', 'DELIVERY_FAILED', 'FAILED', 'DELIVERY_FAILED'],
    ['FAILED', 'VONAGE_UNAVAILABLE', null, 'DELIVERY_FAILED'],
    ['PENDING', 'DELIVERED', null, 'PENDING'],
  ] as const)('should call %s / %s / %s "%s"', (status, reasonCode, deliveryState, outcome) => {
    expect(activityOutcome({ status, reasonCode, deliveryState })).toBe(outcome);
  });

  it('should never say delivered for an attempt Vonage blocked or failed, whatever the hook recorded', () => {
    for (const status of ACTIVITY_STATUSES) {
      for (const deliveryState of ['FAILED', 'BLOCKED_BY_VONAGE'] as const) {
        expect(activityOutcome({ status, reasonCode: 'DELIVERED', deliveryState })).not.toMatch(/^DELIVERED/);
      }
    }
  });

  it('should put every outcome in exactly one counter group', () => {
    const grouped = COUNTER_GROUP_NAMES.flatMap((g) => [...COUNTER_GROUPS[g]]);
    expect([...grouped].sort()).toEqual([...ACTIVITY_OUTCOMES].sort());
  });
});

describe('channelCounters', () => {
  it('should add up to the total for any mix of attempts', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const counts = emptyOutcomeCounts();
      let total = 0;
      for (const status of ACTIVITY_STATUSES) {
        for (const deliveryState of STATES) {
          const n = (seed * (status.length + 7) * ((deliveryState?.length ?? 3) + 1)) % 5;
          counts[activityOutcome({ status, reasonCode: seed % 2 ? 'FRAUD_NUMBER_VELOCITY' : 'RATE_LIMITED', deliveryState })] += n;
          total += n;
        }
      }
      const c = channelCounters(counts);
      expect(c.total).toBe(total);
      expect(c.success + c.blocked + c.failed + c.pending).toBe(c.total);
      expect(c.flagged).toBeLessThanOrEqual(c.success);
    }
  });

  it('should count each outcome in its group', () => {
    const counts = emptyOutcomeCounts();
    const one = (o: ActivityOutcome, n: number) => (counts[o] = n);
    one('DELIVERED', 10);
    one('DELIVERED_FLAGGED', 3);
    one('REFUSED_POLICY', 4);
    one('REFUSED_FRAUD_GUARD', 2);
    one('BLOCKED_BY_VONAGE', 1);
    one('DELIVERY_FAILED', 5);
    one('PENDING', 1);
    expect(channelCounters(counts)).toEqual({ total: 26, success: 13, flagged: 3, blocked: 7, failed: 5, pending: 1 });
  });
});
