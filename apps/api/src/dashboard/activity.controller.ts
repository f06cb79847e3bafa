import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { ActivityDto, AuthEventDto, Page } from '@otc/contracts';
import { parseActivityQuery, parseAuthEventQuery, parseExportQuery } from './admin-query';
import { DashboardService, EXPORT_ROW_CAP } from './dashboard.service';

const FILTERS = ['status', 'channel', 'tokenId', 'from', 'to'];

@ApiTags('admin')
@Controller('v1/admin')
export class ActivityController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get('activity')
  @ApiOperation({ summary: 'OTP attempts, newest first, cursor-paginated' })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiQuery({ name: 'limit', required: false })
  list(@Query() query: Record<string, unknown>): Promise<Page<ActivityDto>> {
    const { filters, page } = parseActivityQuery(query);
    return this.dashboard.activityPage(filters, page);
  }

  @Get('activity/export')
  @ApiOperation({ summary: `CSV of OTP attempts (masked numbers only), at most ${EXPORT_ROW_CAP} rows; filters: ${FILTERS.join(', ')}` })
  export(@Query() query: Record<string, unknown>): StreamableFile {
    const filters = parseExportQuery(query);
    return new StreamableFile(this.dashboard.exportCsv(filters), {
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename="otp-activity.csv"',
    });
  }

  @Get('auth-events')
  @ApiOperation({ summary: 'Okta auth events and conversion records, newest first, cursor-paginated' })
  authEvents(@Query() query: Record<string, unknown>): Promise<Page<AuthEventDto>> {
    const { filters, page } = parseAuthEventQuery(query);
    return this.dashboard.authEventPage(filters, page);
  }
}
