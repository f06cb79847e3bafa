import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module';
import { EventsModule } from '../events/events.module';
import { FraudModule } from '../fraud/fraud.module';
import { TokensModule } from '../tokens/tokens.module';
import { ActivityController } from './activity.controller';
import { DashboardController } from './dashboard.controller';
import { DashboardService } from './dashboard.service';
import { FraudController } from './fraud.controller';
import { FraudReportService } from './fraud-report.service';
import { ConversionReportModule } from './conversion-report.module';
import { SpendController } from './spend.controller';
import { SpendModule } from '../spend/spend.module';

/** The admin read side: counters, activity, auth events, CSV, the fraud guard's refusals, spend estimates and conversion by place, read through the modules that own the tables. */
@Module({
  imports: [DeliveryModule, EventsModule, FraudModule, TokensModule, SpendModule, ConversionReportModule],
  controllers: [DashboardController, ActivityController, FraudController, SpendController],
  providers: [DashboardService, FraudReportService],
})
export class DashboardModule {}
