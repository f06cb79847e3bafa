import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityEntity } from './activity.entity';
import { ActivityCountsRepository } from './activity-counts.repository';
import { ActivityPlaceRepository } from './activity-place.repository';
import { ActivityReportService } from './activity-report.service';
import { ActivityRollupRepository } from './activity-rollup.repository';

/** The read side of otp_activity alone (no Vonage client, no sweeps): what the admin API and the CLI report from. */
@Module({
  imports: [TypeOrmModule.forFeature([ActivityEntity])],
  providers: [ActivityCountsRepository, ActivityRollupRepository, ActivityPlaceRepository, ActivityReportService],
  exports: [ActivityReportService],
})
export class ActivityReportModule {}
