import { CanActivate, ExecutionContext, Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { HookRequest } from '../tokens/hook-auth.guard';
import { HookThrottledError } from './hook-throttled.error';

const WINDOW_MS = 1000;
const THROTTLER_NAME = 'okta-hook';

/**
 * A generous per-token ceiling on Okta's hook calls (HOOK_THROTTLE_PER_SECOND), so one leaked or
 * misconfigured token cannot flood Verify. Keyed by token id, so it runs after HookAuthGuard and
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
    const token = context.switchToHttp().getRequest<HookRequest>().hookToken;
    if (!token) throw new Error('HookThrottleGuard must run after HookAuthGuard');
    const record = await this.storage.increment(`hook:${token.id}`, WINDOW_MS, this.limit, 0, THROTTLER_NAME);
    if (record.isBlocked) throw new HookThrottledError(Math.max(1, record.timeToBlockExpire));
    return true;
  }

  onApplicationShutdown(): void {
    this.storage.onApplicationShutdown();
  }
}
