import { Inject, Injectable } from '@nestjs/common';
import { RATE_LIMIT_WINDOW_SECONDS, TokenPolicy } from '@otc/contracts';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { InsightsUnavailableError } from '../insights/insights-unavailable.error';
import { NUMBER_INSIGHTS_CLIENT, NumberInsightsClient } from '../insights/number-insights.client';
import { PhoneNumberFacts, hashPhoneNumber } from '../common/phone-number';
import { CLOCK, Clock } from '../common/clock';
import { Decision, InsightsOutcome, decide } from './decision-engine';
import { RATE_LIMITER, RateLimitOutcome, RateLimiter } from './rate-limiter';

export interface ScreeningInput {
  policy: TokenPolicy;
  phone: PhoneNumberFacts;
  /** What is left of the hook's budget for screening. */
  timeoutMs: number;
}

@Injectable()
export class ScreeningService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(NUMBER_INSIGHTS_CLIENT) private readonly insights: NumberInsightsClient,
    @Inject(RATE_LIMITER) private readonly rateLimiter: RateLimiter,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Never throws: every failure becomes an outcome the policy decides about. `lookup`: the Insights
   * outcome of `lookUpIfFree` for the same input, started earlier.
   */
  async screen(input: ScreeningInput, lookup?: Promise<InsightsOutcome>): Promise<Decision> {
    const [rateLimit, insights] = await Promise.all([this.countSend(input), lookup ?? this.lookUp(input)]);
    return decide({ policy: input.policy, number: input.phone, insights, rateLimit });
  }

  /**
   * The Insights lookup, started before the attempt is claimed so that the two round trips overlap,
   * when it costs nothing (format validity only): a repeated Okta call then makes a lookup it does
   * not use, which for a charged one (carrier) would cost money. Null when the lookup is charged.
   * Never rejects.
   */
  lookUpIfFree(input: ScreeningInput): Promise<InsightsOutcome> | null {
    const { originalCarrier, currentCarrier } = input.policy.insights;
    return originalCarrier || currentCarrier ? null : this.lookUp(input);
  }

  private async countSend({ policy, phone }: ScreeningInput): Promise<RateLimitOutcome> {
    // An invalid number is never sent, so it has nothing to count.
    if (!policy.rateLimit.enabled || !phone.valid || !phone.digits) return { kind: 'disabled' };
    try {
      const key = hashPhoneNumber(phone.digits, this.config.encryptionKey);
      return await this.rateLimiter.hit(key, policy.rateLimit.maxPerWindow, RATE_LIMIT_WINDOW_SECONDS);
    } catch (error) {
      return { kind: 'unavailable', cause: describe(error) };
    }
  }

  private async lookUp({ policy, phone, timeoutMs }: ScreeningInput): Promise<InsightsOutcome> {
    const { enabled, formatValidity, originalCarrier, currentCarrier } = policy.insights;
    if (!enabled || !(formatValidity || originalCarrier || currentCarrier) || !phone.valid || !phone.digits) return { kind: 'skipped' };
    const startedAt = this.clock.now().getTime();
    const budgetMs = Math.min(this.config.insightsTimeoutMs, timeoutMs);
    if (budgetMs <= 0) return { kind: 'unavailable', cause: 'no time left in the budget', elapsedMs: 0 };
    try {
      const request = { digits: phone.digits, format: formatValidity, originalCarrier, currentCarrier };
      const insights = await this.insights.lookup(request, { timeoutMs: budgetMs });
      return { kind: 'ok', insights, elapsedMs: this.clock.now().getTime() - startedAt };
    } catch (error) {
      return { kind: 'unavailable', cause: describe(error), elapsedMs: this.clock.now().getTime() - startedAt };
    }
  }
}

function describe(error: unknown): string {
  if (error instanceof InsightsUnavailableError) return error.cause;
  return `unexpected: ${error instanceof Error ? error.message : String(error)}`;
}
