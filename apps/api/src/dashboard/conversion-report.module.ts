import { Module } from '@nestjs/common';
import { ActivityReportModule } from '../delivery/activity-report.module';
import { FraudModule } from '../fraud/fraud.module';
import { TokensModule } from '../tokens/tokens.module';
import { ConversionByPlaceService } from './conversion-by-place.service';

/** Conversion by place on its own, so the CLI can report it without the hooks, workers and Vonage client. */
@Module({
  imports: [ActivityReportModule, FraudModule, TokensModule],
  providers: [ConversionByPlaceService],
  exports: [ConversionByPlaceService],
})
export class ConversionReportModule {}
