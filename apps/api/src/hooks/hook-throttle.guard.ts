import { CanActivate, ExecutionContext, Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { HookRequest } from '../tokens/hook-auth.guard';
import { HookThrottledError } from './hook-throttled.error';

const WINDOW_MS = 1000;
const THROTTLER_NAME = 'okta-hook';

/**
 * A generous per-token ceiling on Okta's hook calls (HOOK_THROTTLE_PER_SECOND, counted per hook), so
 * one leaked or misconfigured token can flood neither Verify nor the conversion queue. Keyed by token id, so it runs after HookAuthGuard and
 * never sees an unauthenticated caller (those get 401 first) or the secret itself.
 *
 * Uses its own ThrottlerStorageService rather than a ThrottlerModule: the admin module registers
 * one for sign-in, and the two limits must not share options or storage.
 */
@Injectable()
export class HookThrottleGuard implements CanActivate, OnApplicationShutdown {
  private readonly storage = new ThrottlerStorageService();
  private readonly limit: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.limit = config.hookThrottlePerSecond;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<HookRequest>();
    const token = request.hookToken;
    if (!token) throw new Error('HookThrottleGuard must run after HookAuthGuard');
    // The telephony and the event hook each have the budget: a burst of events never delays a send.
    const hook = request.url.split('?')[0];
    const record = await this.storage.increment(`hook:${hook}:${token.id}`, WINDOW_MS, this.limit, 0, THROTTLER_NAME);
    if (record.isBlocked) throw new HookThrottledError(Math.max(1, record.timeToBlockExpire));
    return true;
  }

  onApplicationShutdown(): void {
    this.storage.onApplicationShutdown();
  }
}
