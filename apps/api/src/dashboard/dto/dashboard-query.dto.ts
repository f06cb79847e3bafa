import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PERIODS, Period } from '../periods';

export class DashboardQueryDto {
  @ApiPropertyOptional({ enum: Object.keys(PERIODS), default: '24h' })
  @IsOptional()
  @IsIn(Object.keys(PERIODS))
  period?: Period;
}
