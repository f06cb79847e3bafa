import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DashboardDto } from '@otc/contracts';
import { DashboardService } from './dashboard.service';
import { DashboardQueryDto } from './dto/dashboard-query.dto';

@ApiTags('admin')
@Controller('v1/admin/dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @ApiOperation({ summary: 'Counters, conversion rate, time series, recent OTP attempts and auth events' })
  get(@Query() query: DashboardQueryDto): Promise<DashboardDto> {
    return this.dashboard.summary(query.period ?? '24h');
  }
}
