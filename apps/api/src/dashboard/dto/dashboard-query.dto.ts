import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PERIODS, Period } from '../periods';
import { OptionalUuid } from './query-fields';

export class DashboardQueryDto {
  @ApiPropertyOptional({ enum: Object.keys(PERIODS), default: '24h' })
  @IsOptional()
  @IsIn(Object.keys(PERIODS))
  period?: Period;
}

export class SpendQueryDto extends DashboardQueryDto {
  @OptionalUuid()
  tokenId?: string;
}
