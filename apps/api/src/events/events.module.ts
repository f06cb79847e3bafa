import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DeliveryModule } from '../delivery/delivery.module';
import { SIGN_IN_PROBE } from '../delivery/fallback.service';
import { FraudModule } from '../fraud/fraud.module';
import { TokensModule } from '../tokens/tokens.module';
import { ActivityController } from './activity.controller';
import { AuthEventEntity } from './auth-event.entity';
import { AuthEventRepository } from './auth-event.repository';
import { ConversionJobEntity } from './conversion-job.entity';
import { ConversionJobRepository } from './conversion-job.repository';
import { ConversionService } from './conversion.service';
import { DashboardController } from './dashboard.controller';
import { DashboardRepository } from './dashboard.repository';
import { ActivityRollupRepository } from './activity-rollup.repository';
import { DashboardService } from './dashboard.service';
import { EventsService } from './events.service';
import { DEFAULT_JOB_WORKER_OPTIONS, JOB_WORKER_OPTIONS, JobWorker } from './job-worker';
import { OktaEventDeliveryEntity } from './okta-event-delivery.entity';

/**
 * Okta auth events, conversion and the dashboard read models. Global only for SIGN_IN_PROBE, which the
 * delivery module's fallback asks without importing this module (that would be a cycle).
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([OktaEventDeliveryEntity, AuthEventEntity, ConversionJobEntity]), DeliveryModule, TokensModule, FraudModule],
  controllers: [DashboardController, ActivityController],
  providers: [
    AuthEventRepository,
    ConversionJobRepository,
    DashboardRepository,
    ActivityRollupRepository,
    EventsService,
    ConversionService,
    DashboardService,
    JobWorker,
    { provide: JOB_WORKER_OPTIONS, useValue: DEFAULT_JOB_WORKER_OPTIONS },
    { provide: SIGN_IN_PROBE, useExisting: EventsService },
  ],
  exports: [EventsService, JobWorker, SIGN_IN_PROBE],
})
export class EventsModule {}
