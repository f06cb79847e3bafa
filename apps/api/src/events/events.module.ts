import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DeliveryModule } from '../delivery/delivery.module';
import { FraudModule } from '../fraud/fraud.module';
import { TokensModule } from '../tokens/tokens.module';
import { AuthEventEntity } from './auth-event.entity';
import { AuthEventRepository } from './auth-event.repository';
import { ConversionJobEntity } from './conversion-job.entity';
import { ConversionJobRepository } from './conversion-job.repository';
import { ConversionService } from './conversion.service';
import { EventsService } from './events.service';
import { EventIntakeRepository } from './event-intake.repository';
import { DEFAULT_JOB_WORKER_OPTIONS, JOB_WORKER_OPTIONS, JobWorker } from './job-worker';
import { RetentionRepository } from './retention.repository';
import { OktaEventDeliveryEntity } from './okta-event-delivery.entity';

/** Okta auth events and conversion: intake, the durable job table and its worker. */
@Module({
  imports: [TypeOrmModule.forFeature([OktaEventDeliveryEntity, AuthEventEntity, ConversionJobEntity]), DeliveryModule, TokensModule, FraudModule],
  providers: [
    AuthEventRepository,
    ConversionJobRepository,
    EventIntakeRepository,
    EventsService,
    ConversionService,
    JobWorker,
    RetentionRepository,
    { provide: JOB_WORKER_OPTIONS, useValue: DEFAULT_JOB_WORKER_OPTIONS },
  ],
  exports: [EventsService, JobWorker],
})
export class EventsModule {}
