import { Module } from '@nestjs/common';
import { CLOCK, Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ActivityReportModule } from '../delivery/activity-report.module';
import { FraudModule } from '../fraud/fraud.module';
import { TokensModule } from '../tokens/tokens.module';
import { MemorySpendCounter } from './memory-spend-counter';
import { RedisSpendCounter } from './redis-spend-counter';
import { SpendCapService } from './spend-cap.service';
import { SPEND_COUNTER, SpendCounter } from './spend-counter';
import { SpendEstimatesService } from './spend-estimates.service';

/** Redis when configured (shared by every instance); otherwise in-process, single instance only. */
export function createSpendCounter(config: AppConfig, clock: Clock): SpendCounter {
  return config.redisUrl ? new RedisSpendCounter(config.redisUrl) : new MemorySpendCounter(clock);
}

/** Estimated spend from the price table: estimates for the admin side, the monthly cap for the hook. */
@Module({
  imports: [ActivityReportModule, FraudModule, TokensModule],
  providers: [{ provide: SPEND_COUNTER, inject: [APP_CONFIG, CLOCK], useFactory: createSpendCounter }, SpendEstimatesService, SpendCapService],
  exports: [SpendEstimatesService, SpendCapService],
})
export class SpendModule {}
