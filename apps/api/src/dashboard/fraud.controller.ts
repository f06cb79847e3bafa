import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DEFAULT_CONVERSION_PERIOD } from '@otc/contracts';
import type { ConversionByPlaceDto, FraudRefusalDto, Page, ShadowFindingDto, TrustedEntryDto } from '@otc/contracts';
import { ConversionByPlaceService } from './conversion-by-place.service';
import { ConversionByPlaceQueryDto, FraudRefusalsQueryDto, ShadowFindingsQueryDto } from './dto/fraud-query.dto';
import { FraudReportService } from './fraud-report.service';
import { pageOf } from './page-query';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('v1/admin/fraud')
export class FraudController {
  constructor(
    private readonly fraud: FraudReportService,
    private readonly conversion: ConversionByPlaceService,
  ) {}

  @Get('refusals')
  @ApiOperation({
    summary:
      "The fraud guard's refusals, newest first: ACTIVE (in force now, the default) or RECENT (the last 30 days, lifted and expired ones included); cursor-paginated (limit, default 50, at most 200; pass nextCursor as cursor for the next page)",
  })
  refusals(@Query() query: FraudRefusalsQueryDto): Promise<Page<FraudRefusalDto>> {
    return this.fraud.refusals(query.view ?? 'ACTIVE', query.tokenId ?? null, pageOf(query));
  }

  @Get('shadow')
  @ApiOperation({ summary: 'Sends of the last 30 days that a token in SHADOW mode would have refused (and delivered), newest first' })
  shadow(@Query() query: ShadowFindingsQueryDto): Promise<ShadowFindingDto[]> {
    return this.fraud.shadowFindings(query.tokenId ?? null);
  }

  @Get('conversion')
  @ApiOperation({
    summary:
      "Conversion by country, channel and Okta request type over a period (24h, 7d, 30d; default 7d), for one token or all, with the guard's baseline in each country (proven, last conversion, floors)",
  })
  conversionByPlace(@Query() query: ConversionByPlaceQueryDto): Promise<ConversionByPlaceDto> {
    return this.conversion.conversionByPlace(query.period ?? DEFAULT_CONVERSION_PERIOD, query.tokenId ?? null);
  }

  @Get('trusted')
  @ApiOperation({ summary: 'The trusted list: numbers (masked), number blocks and Okta users the guard never refuses, until each expires' })
  trusted(): Promise<TrustedEntryDto[]> {
    return this.fraud.trusted();
  }
}
