import 'reflect-metadata';
import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TokenPolicy, defaultPolicy } from '@otc/contracts';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { InsightsUnavailableError } from '../insights/insights-unavailable.error';
import type { InsightsRequest, NumberInsights, NumberInsightsClient } from '../insights/number-insights.client';
import { hashPhoneNumber, parsePhoneNumber } from '../common/phone-number';
import { CLOCK, Clock, systemClock } from '../common/clock';
import { ConnectorMetrics } from '../metrics/metrics';
import { MemoryRateLimiter } from './memory-rate-limiter';
import { PolicyModule } from './policy.module';
import type { RateLimiter } from './rate-limiter';
import { ScreeningService } from './screening.service';

const config = { insightsTimeoutMs: 800, encryptionKey: Buffer.from('k'.repeat(32)), redisUrl: null } as unknown as AppConfig;
const PHONE = parsePhoneNumber('+447400123456');
const OK_INSIGHTS: NumberInsights = { format: { status: 'OK', valid: true, country: 'GB' } };

class FakeInsights implements NumberInsightsClient {
  calls: { request: InsightsRequest; timeoutMs: number }[] = [];
  answer: () => Promise<NumberInsights> = async () => OK_INSIGHTS;
  lookup(request: InsightsRequest, options: { timeoutMs: number }): Promise<NumberInsights> {
    this.calls.push({ request, timeoutMs: options.timeoutMs });
    return this.answer();
  }
}

function policy(insights: Partial<TokenPolicy['insights']> = {}, rest: Partial<TokenPolicy> = {}): TokenPolicy {
  const base = defaultPolicy();
  return { ...base, ...rest, insights: { ...base.insights, ...insights } };
}

describe('ScreeningService', () => {
  let insights: FakeInsights;
  let limiter: RateLimiter;
  let clock: Clock & { t: number };
  let service: ScreeningService;

  beforeEach(() => {
    insights = new FakeInsights();
    clock = { t: 0, now: () => new Date(clock.t) };
    limiter = new MemoryRateLimiter(clock);
    service = new ScreeningService(config, insights, limiter, clock);
  });

  it('should ask only for enabled insights, within the smaller of the two timeouts', async () => {
    insights.answer = async () => {
      clock.t += 37;
      return { ...OK_INSIGHTS, currentCarrier: { status: 'OK', name: 'EE', networkType: 'MOBILE', country: 'GB' } };
    };
    const decision = await service.screen({ policy: policy({ currentCarrier: true }), phone: PHONE, timeoutMs: 500 });
    expect(insights.calls).toEqual([{ request: { digits: '447400123456', format: true, originalCarrier: false, currentCarrier: true }, timeoutMs: 500 }]);
    expect(decision).toMatchObject({ deliver: true, status: 'SUCCESS', facts: { carrier: 'EE', insightsMs: 37 } });
    await service.screen({ policy: policy(), phone: PHONE, timeoutMs: 5000 });
    expect(insights.calls[1].timeoutMs).toBe(800);
  });

  it('should not call Insights when disabled, when nothing is enabled, or for an invalid number', async () => {
    await service.screen({ policy: policy({ enabled: false }), phone: PHONE, timeoutMs: 500 });
    await service.screen({ policy: policy({ formatValidity: false, originalCarrier: false, currentCarrier: false }), phone: PHONE, timeoutMs: 500 });
    const invalid = await service.screen({ policy: policy(), phone: parsePhoneNumber('9876543210'), timeoutMs: 500 });
    expect(insights.calls).toHaveLength(0);
    expect(invalid).toMatchObject({ deliver: false, reasonCode: 'INVALID_NUMBER' });
  });

  it('should turn Insights failures of any kind into INSIGHTS_UNAVAILABLE', async () => {
    insights.answer = () => Promise.reject(new InsightsUnavailableError('http 503'));
    await expect(service.screen({ policy: policy(), phone: PHONE, timeoutMs: 500 })).resolves.toMatchObject({
      deliver: true,
      status: 'FLAGGED',
      flags: [{ code: 'INSIGHTS_UNAVAILABLE', detail: 'http 503' }],
    });
    insights.answer = () => {
      throw new Error('boom');
    };
    const decision = await service.screen({ policy: policy({ onUnavailable: 'BLOCK' }), phone: PHONE, timeoutMs: 500 });
    expect(decision).toMatchObject({ deliver: false, status: 'BLOCKED', flags: [{ code: 'INSIGHTS_UNAVAILABLE', detail: 'unexpected: boom' }] });
  });

  it('should rate limit by the peppered hash of the number', async () => {
    const hit = jest.spyOn(limiter, 'hit');
    const p = policy({ enabled: false }, { rateLimit: { enabled: true, maxPerWindow: 2 } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await service.screen({ policy: p, phone: PHONE, timeoutMs: 500 })).reasonCode);
    expect(statuses).toEqual(['DELIVERED', 'DELIVERED', 'RATE_LIMITED']);
    expect(hit).toHaveBeenCalledWith(hashPhoneNumber('447400123456', config.encryptionKey), 2, 600);
  });

  it('should fail open when the rate limiter throws', async () => {
    jest.spyOn(limiter, 'hit').mockRejectedValue(new Error('store down'));
    const decision = await service.screen({ policy: policy({ enabled: false }), phone: PHONE, timeoutMs: 500 });
    expect(decision).toMatchObject({ deliver: true, status: 'FLAGGED', reasonCode: 'RATE_LIMIT_UNAVAILABLE' });
  });

  it('should skip the rate limit when the policy disables it', async () => {
    const hit = jest.spyOn(limiter, 'hit');
    await service.screen({ policy: policy({ enabled: false }, { rateLimit: { enabled: false, maxPerWindow: 5 } }), phone: PHONE, timeoutMs: 500 });
    expect(hit).not.toHaveBeenCalled();
  });

  it('should start a format-only lookup ahead of screening and decide with it, without asking Insights twice', async () => {
    const input = { policy: policy(), phone: PHONE, timeoutMs: 500 };
    const early = service.lookUpIfFree(input);
    expect(early).not.toBeNull();
    expect(insights.calls).toHaveLength(1);

    const decision = await service.screen(input, early!);

    expect(insights.calls).toHaveLength(1);
    expect(decision).toMatchObject({ deliver: true, status: 'SUCCESS', facts: { country: 'GB' } });
  });

  it('should not start a charged carrier lookup ahead of screening', () => {
    expect(service.lookUpIfFree({ policy: policy({ originalCarrier: true }), phone: PHONE, timeoutMs: 500 })).toBeNull();
    expect(service.lookUpIfFree({ policy: policy({ currentCarrier: true }), phone: PHONE, timeoutMs: 500 })).toBeNull();
    expect(insights.calls).toHaveLength(0);
  });
});

describe('PolicyModule', () => {
  @Global()
  @Module({ providers: [{ provide: APP_CONFIG, useValue: { ...config, vonage: { applicationId: 'a', privateKey: 'k', apiKey: '', apiSecret: '' }, vonageInsightsHost: null } }, { provide: CLOCK, useValue: systemClock }, ConnectorMetrics], exports: [APP_CONFIG, CLOCK, ConnectorMetrics] })
  class TestConfigModule {}

  @Module({ imports: [TestConfigModule, PolicyModule] })
  class TestAppModule {}

  it('should wire ScreeningService with in-process counters when no Redis is configured', async () => {
    const app = await NestFactory.createApplicationContext(TestAppModule, { logger: false });
    const service = app.get(ScreeningService);
    const decision = await service.screen({ policy: policy({ enabled: false }), phone: PHONE, timeoutMs: 500 });
    expect(decision).toMatchObject({ deliver: true, status: 'SUCCESS', reasonCode: 'DELIVERED' });
    await app.close();
  });
});
