import { ApiPropertyOptional } from '@nestjs/swagger';
import { DEFAULT_CONVERSION_PERIOD, FRAUD_REFUSAL_VIEWS, FraudRefusalView, REPORT_PERIODS } from '@otc/contracts';
import type { ReportPeriod } from '@otc/contracts';
import { IsIn, IsOptional } from 'class-validator';
import { OneOf, OptionalUuid, PageCursor, PageLimit } from './query-fields';

export class FraudRefusalsQueryDto {
  @OneOf(FRAUD_REFUSAL_VIEWS)
  view?: FraudRefusalView;

  @OptionalUuid()
  tokenId?: string;

  @PageLimit()
  limit?: number;

  @PageCursor()
  cursor?: string;
}

export class ShadowFindingsQueryDto {
  @OptionalUuid()
  tokenId?: string;
}

export class ConversionByPlaceQueryDto {
  @ApiPropertyOptional({ enum: REPORT_PERIODS, default: DEFAULT_CONVERSION_PERIOD })
  @IsOptional()
  @IsIn(REPORT_PERIODS)
  period?: ReportPeriod;

  @OptionalUuid()
  tokenId?: string;
}
