import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityEntity } from './activity.entity';
import { ActivityRepository } from './activity.repository';
import { ActivityCountsRepository } from './activity-counts.repository';
import { ActivityReportService } from './activity-report.service';
import { ActivityRollupRepository } from './activity-rollup.repository';

/**
 * The read side of otp_activity on its own (no Vonage client, no workers), for readers such as
 * the CLI's spend estimate; DeliveryModule imports and re-exports it.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ActivityEntity])],
  providers: [ActivityRepository, ActivityCountsRepository, ActivityRollupRepository, ActivityReportService],
  exports: [ActivityRepository, ActivityReportService],
})
export class ActivityReportModule {}
