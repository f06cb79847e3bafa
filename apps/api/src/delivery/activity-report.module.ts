import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityEntity } from './activity.entity';
import { ActivityCountsRepository } from './activity-counts.repository';
import { ActivityReportService } from './activity-report.service';
import { ActivityRollupRepository } from './activity-rollup.repository';
import { ActivityUsageRepository } from './activity-usage.repository';

/**
 * The read side of otp_activity on its own (no Vonage client, no workers), for readers such as the
 * admin API and the CLI's spend and conversion reports; DeliveryModule imports and re-exports it.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ActivityEntity])],
  providers: [ActivityCountsRepository, ActivityRollupRepository, ActivityUsageRepository, ActivityReportService],
  exports: [ActivityReportService],
})
export class ActivityReportModule {}
