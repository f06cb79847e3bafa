import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { DashboardDto } from '@otc/contracts';
import { parsePeriod } from './admin-query';
import { DashboardService } from './dashboard.service';

@ApiTags('admin')
@Controller('v1/admin/dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @ApiOperation({ summary: 'Counters, conversion rate, time series, recent OTP attempts and auth events' })
  @ApiQuery({ name: 'period', required: false, enum: ['24h', '7d', '30d'] })
  get(@Query() query: Record<string, unknown>): Promise<DashboardDto> {
    return this.dashboard.summary(parsePeriod(query));
  }
}
