import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { InsightsModule } from '../insights/insights.module';
import { CLOCK, Clock } from '../common/clock';
import { MemoryRateLimiter } from './memory-rate-limiter';
import { RATE_LIMITER, RateLimiter } from './rate-limiter';
import { RedisRateLimiter } from './redis-rate-limiter';
import { ScreeningService } from './screening.service';

/** Redis when configured (shared by every instance); otherwise in-process, single instance only. */
export function createRateLimiter(config: AppConfig, clock: Clock): RateLimiter {
  return config.redisUrl ? new RedisRateLimiter(config.redisUrl) : new MemoryRateLimiter(clock);
}

@Module({
  imports: [InsightsModule],
  providers: [
    { provide: RATE_LIMITER, inject: [APP_CONFIG, CLOCK], useFactory: createRateLimiter },
    ScreeningService,
  ],
  exports: [ScreeningService],
})
export class PolicyModule {}
