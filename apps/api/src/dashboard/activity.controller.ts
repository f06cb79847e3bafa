import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ActivityDto, AuthEventDto, Page } from '@otc/contracts';
import type { ActivityFilters } from '../delivery/activity-filters';
import { DashboardService, EXPORT_ROW_CAP } from './dashboard.service';
import { ActivityFiltersDto, ActivityQueryDto } from './dto/activity-query.dto';
import { AuthEventQueryDto } from './dto/auth-event-query.dto';
import { pageOf } from './page-query';

const FILTERS = ['status', 'channel', 'tokenId', 'from', 'to'];

function filtersOf(query: ActivityFiltersDto): ActivityFilters {
  return { status: query.status, channel: query.channel, tokenId: query.tokenId, from: query.from, to: query.to };
}

@ApiTags('admin')
@Controller('v1/admin')
export class ActivityController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get('activity')
  @ApiOperation({ summary: 'OTP attempts, newest first, cursor-paginated' })
  list(@Query() query: ActivityQueryDto): Promise<Page<ActivityDto>> {
    return this.dashboard.activityPage(filtersOf(query), pageOf(query));
  }

  @Get('activity/export')
  @ApiOperation({ summary: `CSV of OTP attempts (masked numbers only), at most ${EXPORT_ROW_CAP} rows; filters: ${FILTERS.join(', ')}` })
  export(@Query() query: ActivityFiltersDto): StreamableFile {
    return new StreamableFile(this.dashboard.exportCsv(filtersOf(query)), {
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename="otp-activity.csv"',
    });
  }

  @Get('auth-events')
  @ApiOperation({ summary: 'Okta auth events and conversion records, newest first, cursor-paginated' })
  authEvents(@Query() query: AuthEventQueryDto): Promise<Page<AuthEventDto>> {
    const { tokenId, eventType, from, to } = query;
    return this.dashboard.authEventPage({ tokenId, eventType, from, to }, pageOf(query));
  }
}
