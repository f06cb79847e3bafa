import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

// How often the event-loop lag monitor samples (prom-client's default: 10 ms). Each sample is a timer
// that wakes the event loop, 100 times a second at 10 ms whether requests come or not: at an even pace
// those wake-ups fall between requests. At 100 ms a stall of 100 ms or more is still always seen.
export const EVENT_LOOP_SAMPLE_MS = 100;

/**
 * Every metric the connector exports, in one registry per app instance. Labels carry reason
 * codes, channels and API names only: never numbers, codes, secrets or token names.
 */
export class ConnectorMetrics {
  readonly registry = new Registry();

  readonly hookRequests = new Counter({
    name: 'otc_telephony_hook_requests_total',
    help: 'Telephony hook calls by channel, activity status and reason code',
    labelNames: ['channel', 'status', 'reason'] as const,
    registers: [this.registry],
  });

  readonly hookDuration = new Histogram({
    name: 'otc_telephony_hook_duration_seconds',
    help: 'Time from receiving an Okta telephony call to answering it',
    labelNames: ['status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 1.5, 2, 2.5, 3],
    registers: [this.registry],
  });

  readonly vonageDuration = new Histogram({
    name: 'otc_vonage_request_duration_seconds',
    help: 'Vonage API calls by API and outcome',
    labelNames: ['api', 'outcome'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 1.5, 2.5],
    registers: [this.registry],
  });

  readonly rateLimitRefusals = new Counter({
    name: 'otc_rate_limit_refusals_total',
    help: 'OTP requests refused by the per-number rate limit',
    registers: [this.registry],
  });

  readonly fraudGuardDuration = new Histogram({
    name: 'otc_fraud_guard_duration_seconds',
    help: "The fraud guard's share of a telephony call: refusal lookup, counters, judgement",
    labelNames: ['mode'] as const,
    buckets: [0.0005, 0.001, 0.002, 0.003, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
    registers: [this.registry],
  });

  readonly fraudShed = new Counter({
    name: 'otc_fraud_shed_total',
    help: 'Requests from a refused scope shed while their token was over its hook throttle (not recorded as attempts)',
    registers: [this.registry],
  });

  readonly eventsIngested = new Counter({
    name: 'otc_okta_events_ingested_total',
    help: 'Okta event hook events, by whether they were new, duplicates, or skipped (text or dates that cannot be stored)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  readonly conversions = new Counter({
    name: 'otc_conversions_total',
    help: 'Conversion checks sent to Vonage Verify, by outcome',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly backlog = new Gauge({
    name: 'otc_background_jobs_pending',
    help: 'Background jobs (conversions, expiry cancellations) waiting to run',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'otc_', eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS });
  }

  /** Times one Vonage call and labels it with its outcome; a thrown error counts as `error`. */
  async timeVonage<T>(api: string, call: () => Promise<T>, outcome: (result: T) => string): Promise<T> {
    const end = this.vonageDuration.startTimer({ api });
    try {
      const result = await call();
      end({ outcome: outcome(result).toLowerCase() });
      return result;
    } catch (error) {
      end({ outcome: 'error' });
      throw error;
    }
  }
}
