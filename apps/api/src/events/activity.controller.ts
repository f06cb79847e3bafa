import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { ActivityDto, AuthEventDto, Page, TokenStatsDto } from '@otc/contracts';
import { parseActivityQuery, parseAuthEventQuery, parseExportQuery, parsePeriod } from './admin-query';
import { DashboardService, EXPORT_ROW_CAP } from './dashboard.service';

const FILTERS = ['outcome', 'channel', 'tokenId', 'from', 'to', 'q'];

@ApiTags('admin')
@Controller('v1/admin')
export class ActivityController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get('activity')
  @ApiOperation({ summary: `OTP attempts, newest first, cursor-paginated; filters: ${FILTERS.join(', ')} (q: a full phone number, an Okta user id or login)` })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiQuery({ name: 'limit', required: false })
  list(@Query() query: Record<string, unknown>): Promise<Page<ActivityDto>> {
    const { filters, page } = parseActivityQuery(query, this.dashboard.resolveSearch);
    return this.dashboard.activityPage(filters, page);
  }

  @Get('activity/export')
  @ApiOperation({ summary: `CSV of OTP attempts (masked numbers only), at most ${EXPORT_ROW_CAP} rows; filters: ${FILTERS.join(', ')}` })
  export(@Query() query: Record<string, unknown>): StreamableFile {
    const filters = parseExportQuery(query, this.dashboard.resolveSearch);
    return new StreamableFile(this.dashboard.exportCsv(filters), {
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename="otp-activity.csv"',
    });
  }

  @Get('auth-events')
  @ApiOperation({ summary: "Okta auth events (kind=okta) or the connector's conversion checks (kind=conversion), newest first, cursor-paginated" })
  authEvents(@Query() query: Record<string, unknown>): Promise<Page<AuthEventDto>> {
    const { filters, page } = parseAuthEventQuery(query);
    return this.dashboard.authEventPage(filters, page);
  }

  @Get('tokens/:id/stats')
  @ApiOperation({ summary: "A token's attempts, refusal rate and conversion rate over a period (24h, 7d, 30d; default 24h)" })
  tokenStats(@Param('id') id: string, @Query() query: Record<string, unknown>): Promise<TokenStatsDto> {
    return this.dashboard.tokenStats(id, parsePeriod(query));
  }
}
