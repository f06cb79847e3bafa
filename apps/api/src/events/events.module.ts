import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DeliveryModule } from '../delivery/delivery.module';
import { SIGN_IN_PROBE } from '../delivery/fallback.service';
import { TokensModule } from '../tokens/tokens.module';
import { AuthEventEntity } from './auth-event.entity';
import { AuthEventRepository } from './auth-event.repository';
import { ConversionJobEntity } from './conversion-job.entity';
import { ConversionJobRepository } from './conversion-job.repository';
import { ConversionService } from './conversion.service';
import { EventsService } from './events.service';
import { DEFAULT_JOB_WORKER_OPTIONS, JOB_WORKER_OPTIONS, JobWorker } from './job-worker';
import { OktaEventDeliveryEntity } from './okta-event-delivery.entity';

/**
 * Okta auth events and conversion. Global only for SIGN_IN_PROBE, which the
 * delivery module's fallback asks without importing this module (that would be a cycle).
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([OktaEventDeliveryEntity, AuthEventEntity, ConversionJobEntity]), DeliveryModule, TokensModule],
  providers: [
    AuthEventRepository,
    ConversionJobRepository,
    EventsService,
    ConversionService,
    JobWorker,
    { provide: JOB_WORKER_OPTIONS, useValue: DEFAULT_JOB_WORKER_OPTIONS },
    { provide: SIGN_IN_PROBE, useExisting: EventsService },
  ],
  exports: [EventsService, JobWorker, SIGN_IN_PROBE],
})
export class EventsModule {}
