import { CanActivate, ExecutionContext, Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { randomUUID } from 'crypto';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { FraudGuardService } from '../fraud/fraud-guard.service';
import { ConnectorMetrics } from '../metrics/metrics';
import type { ActiveRefusal } from '../fraud/fraud-refusals.service';
import { parsePhoneNumber } from '../common/phone-number';
import type { AuthenticatedToken } from '../tokens/tokens.service';
import type { TelephonyHookRequest } from './telephony-request';
import { HookShedError } from './hook-shed.error';
import { HookThrottledError } from './hook-throttled.error';
import { providerName, refusalAnswer } from './okta-answer';
import { parseTelephonyRequest } from './telephony-request';

const WINDOW_MS = 1000;
const THROTTLER_NAME = 'okta-hook';

/**
 * A generous per-token ceiling on Okta's hook calls (HOOK_THROTTLE_PER_SECOND, counted per hook), so
 * one leaked or misconfigured token can flood neither Verify nor the conversion queue. Keyed by token id, so it runs after HookAuthGuard and
 * never sees an unauthenticated caller (those get 401 first) or the secret itself.
 *
 * An attack must not become an outage: a request the fraud guard already refuses (a hot block,
 * prefix, IP ...) does not spend the token's budget. It has a budget of its own; past that it is
 * shed, answered as the policy answers refusals, so sign-ins to other destinations keep flowing.
 *
 * Uses its own ThrottlerStorageService rather than a ThrottlerModule: the admin module registers
 * one for sign-in, and the two limits must not share options or storage.
 */
@Injectable()
export class HookThrottleGuard implements CanActivate, OnApplicationShutdown {
  private readonly storage = new ThrottlerStorageService();
  private readonly limit: number;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly fraudGuard: FraudGuardService,
    private readonly metrics: ConnectorMetrics,
  ) {
    this.limit = config.hookThrottlePerSecond;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<TelephonyHookRequest>();
    const token = request.hookToken;
    if (!token) throw new Error('HookThrottleGuard must run after HookAuthGuard');
    const hot = this.hotRefusal(token, request);
    if (hot) {
      const shed = await this.storage.increment(`hot:${token.id}`, WINDOW_MS, this.limit, 0, THROTTLER_NAME);
      if (!shed.isBlocked) return true;
      this.fraudGuard.noteShed(hot, token.policy);
      this.metrics.fraudShed.inc();
      throw new HookShedError(refusalAnswer(token.policy, providerName(this.config.sandbox), randomUUID(), 'FRAUD_SHED'));
    }
    // The telephony and the event hook each have the budget: a burst of events never delays a send.
    const hook = request.url.split('?')[0];
    const record = await this.storage.increment(`hook:${hook}:${token.id}`, WINDOW_MS, this.limit, 0, THROTTLER_NAME);
    if (record.isBlocked) throw new HookThrottledError(Math.max(1, record.timeToBlockExpire));
    return true;
  }

  private hotRefusal(token: AuthenticatedToken, hookRequest: TelephonyHookRequest): ActiveRefusal | null {
    // Only an enforcing guard holds refusals: for other tokens the body is parsed once, by the controller.
    if (token.policy.fraudGuard.mode !== 'ENFORCE') return null;
    const parsed = parseTelephonyRequest(hookRequest.body);
    if (!parsed.ok) return null;
    const { request } = parsed;
    const phone = parsePhoneNumber(request.phoneNumber);
    // The hook uses this parse instead of parsing the same number again.
    hookRequest.parsedPhone = { raw: request.phoneNumber, phone };
    return this.fraudGuard.hotRefusal({
      tokenId: token.id,
      policy: token.policy,
      phone,
      requestType: request.requestType,
      channel: request.channel,
      ipAddress: request.ipAddress,
      oktaUserId: request.userId,
    });
  }

  onApplicationShutdown(): void {
    this.storage.onApplicationShutdown();
  }
}
