import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ActivityDto, AuthEventDto, Page, TokenStatsDto } from '@otc/contracts';
import type { ActivityFilters } from '../delivery/activity-filters';
import { DashboardService, EXPORT_ROW_CAP } from './dashboard.service';
import { ActivityFiltersDto, ActivityQueryDto } from './dto/activity-query.dto';
import { AuthEventQueryDto } from './dto/auth-event-query.dto';
import { DashboardQueryDto } from './dto/dashboard-query.dto';
import { pageOf } from './page-query';

const FILTERS = ['outcome', 'channel', 'tokenId', 'from', 'to', 'q'];

@ApiTags('admin')
@Controller('v1/admin')
export class ActivityController {
  constructor(private readonly dashboard: DashboardService) {}

  private filtersOf(query: ActivityFiltersDto): ActivityFilters {
    const search = query.q?.trim() ? this.dashboard.resolveSearch(query.q.trim()) : {};
    return { ...search, outcomes: query.outcome, channel: query.channel, tokenId: query.tokenId, from: query.from, to: query.to };
  }

  @Get('activity')
  @ApiOperation({ summary: `OTP attempts, newest first, cursor-paginated; filters: ${FILTERS.join(', ')} (q: a full phone number, an Okta user id or login)` })
  list(@Query() query: ActivityQueryDto): Promise<Page<ActivityDto>> {
    return this.dashboard.activityPage(this.filtersOf(query), pageOf(query));
  }

  @Get('activity/export')
  @ApiOperation({ summary: `CSV of OTP attempts (masked numbers only), at most ${EXPORT_ROW_CAP} rows; filters: ${FILTERS.join(', ')}` })
  export(@Query() query: ActivityFiltersDto): StreamableFile {
    return new StreamableFile(this.dashboard.exportCsv(this.filtersOf(query)), {
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename="otp-activity.csv"',
    });
  }

  @Get('auth-events')
  @ApiOperation({ summary: "Okta auth events (kind=okta) or the connector's conversion checks (kind=conversion), newest first, cursor-paginated" })
  authEvents(@Query() query: AuthEventQueryDto): Promise<Page<AuthEventDto>> {
    const { kind, tokenId, eventType, from, to } = query;
    return this.dashboard.authEventPage({ kind, tokenId, eventType, from, to }, pageOf(query));
  }

  @Get('tokens/:id/stats')
  @ApiOperation({ summary: "A token's attempts, refusal rate and conversion rate over a period (24h, 7d, 30d; default 24h)" })
  tokenStats(@Param('id') id: string, @Query() query: DashboardQueryDto): Promise<TokenStatsDto> {
    return this.dashboard.tokenStats(id, query.period ?? '24h');
  }
}
