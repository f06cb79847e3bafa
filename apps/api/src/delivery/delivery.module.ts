import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TokensModule } from '../tokens/tokens.module';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ActivityEntity } from './activity.entity';
import { ActivityRepository } from './activity.repository';
import { ActivitySweepRepository } from './activity-sweep.repository';
import { ActivityService } from './activity.service';
import { ActivityReportModule } from './activity-report.module';
import { CodeCipher } from './code-cipher';
import { DeliveryService } from './delivery.service';
import { FallbackService } from './fallback.service';
import { StatusCallbackService } from './status-callback.service';
import { VERIFY_CLIENT } from './verify.client';
import { VonageCallbackGuard } from './vonage-callback.guard';
import { CallbackReplayRepository } from './callback-replay.repository';
import { VonageVerifyClient } from './vonage-verify.client';
import { VonageStatusController } from './vonage-status.controller';
import { InstrumentedVerifyClient } from './instrumented-verify.client';
import { ConnectorMetrics } from '../metrics/metrics';
import { AttemptRecoveryService, DEFAULT_RECOVERY_SWEEP_MS, RECOVERY_SWEEP_MS } from './attempt-recovery.service';

@Module({
  imports: [TypeOrmModule.forFeature([ActivityEntity]), TokensModule, ActivityReportModule],
  controllers: [VonageStatusController],
  providers: [
    {
      provide: VERIFY_CLIENT,
      inject: [APP_CONFIG, ConnectorMetrics],
      useFactory: (config: AppConfig, metrics: ConnectorMetrics) =>
        new InstrumentedVerifyClient(
          new VonageVerifyClient({
            applicationId: config.vonage.applicationId,
            privateKey: config.vonage.privateKey,
            apiHost: config.vonageApiHost ?? 'https://api.nexmo.com',
            // Background checks and cancels get twice the hook's per-call timeout (delivery.service.ts).
            sdkTimeoutMs: config.verifyTimeoutMs * 2,
          }),
          metrics,
        ),
    },
    { provide: CodeCipher, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new CodeCipher(config.encryptionKey) },
    ActivityRepository,
    ActivitySweepRepository,
    ActivityService,
    AttemptRecoveryService,
    { provide: RECOVERY_SWEEP_MS, useValue: DEFAULT_RECOVERY_SWEEP_MS },
    DeliveryService,
    FallbackService,
    StatusCallbackService,
    VonageCallbackGuard,
    CallbackReplayRepository,
  ],
  exports: [DeliveryService, ActivityService, ActivityReportModule, AttemptRecoveryService, FallbackService],
})
export class DeliveryModule {}
