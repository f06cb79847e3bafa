import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { GUARD_STORE, GuardStore } from './guard-counters';
import { FraudAlertEntity } from './fraud-alert.entity';
import { FraudAlertsRepository } from './fraud-alerts.repository';
import { FraudAlertsService } from './fraud-alerts.service';
import { FraudGuardService } from './fraud-guard.service';
import { FraudRefusalEntity } from './fraud-refusal.entity';
import { FraudRefusalsRepository } from './fraud-refusals.repository';
import { FraudRefusalsService } from './fraud-refusals.service';
import { FraudTrustEntity } from './fraud-trust.entity';
import { FraudTrustRepository } from './fraud-trust.repository';
import { FraudTrustService } from './fraud-trust.service';
import { MemoryGuardStore } from './memory-guard-store';
import { PlaceBaselineService } from './place-baseline.service';
import { ProvenSeedService } from './proven-seed.service';
import { RedisGuardStore } from './redis-guard-store';

/** Redis when configured (shared by every instance); otherwise in-process, single instance only. */
export function createGuardStore(config: AppConfig): GuardStore {
  return config.redisUrl ? new RedisGuardStore(config.redisUrl) : new MemoryGuardStore();
}

@Module({
  imports: [TypeOrmModule.forFeature([FraudRefusalEntity, FraudTrustEntity, FraudAlertEntity])],
  providers: [{ provide: GUARD_STORE, inject: [APP_CONFIG], useFactory: createGuardStore }, FraudRefusalsRepository, FraudRefusalsService, FraudTrustRepository, FraudTrustService, FraudAlertsRepository, FraudAlertsService, FraudGuardService, ProvenSeedService, PlaceBaselineService],
  exports: [FraudGuardService, FraudRefusalsService, FraudTrustService, FraudAlertsService, PlaceBaselineService],
})
export class FraudModule {}
