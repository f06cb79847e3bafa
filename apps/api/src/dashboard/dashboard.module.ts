import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module';
import { EventsModule } from '../events/events.module';
import { TokensModule } from '../tokens/tokens.module';
import { ActivityController } from './activity.controller';
import { DashboardController } from './dashboard.controller';
import { DashboardService } from './dashboard.service';

/** The admin read side: counters, activity, auth events and CSV, read through the modules that own the tables. */
@Module({
  imports: [DeliveryModule, EventsModule, TokensModule],
  controllers: [DashboardController, ActivityController],
  providers: [DashboardService],
})
export class DashboardModule {}
