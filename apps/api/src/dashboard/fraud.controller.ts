import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FraudRefusalDto, ShadowFindingDto, TrustedEntryDto } from '@otc/contracts';
import { FraudRefusalsQueryDto, ShadowFindingsQueryDto } from './dto/fraud-query.dto';
import { FraudReportService } from './fraud-report.service';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('v1/admin/fraud')
export class FraudController {
  constructor(private readonly fraud: FraudReportService) {}

  @Get('refusals')
  @ApiOperation({ summary: "The fraud guard's refusals, newest first: ACTIVE (in force now, the default) or RECENT (the last 30 days, lifted and expired ones included)" })
  refusals(@Query() query: FraudRefusalsQueryDto): Promise<FraudRefusalDto[]> {
    return this.fraud.refusals(query.view ?? 'ACTIVE', query.tokenId ?? null);
  }

  @Get('shadow')
  @ApiOperation({ summary: 'Sends of the last 30 days that a token in SHADOW mode would have refused (and delivered), newest first' })
  shadow(@Query() query: ShadowFindingsQueryDto): Promise<ShadowFindingDto[]> {
    return this.fraud.shadowFindings(query.tokenId ?? null);
  }

  @Get('trusted')
  @ApiOperation({ summary: 'The trusted list: numbers (masked), number blocks and Okta users the guard never refuses, until each expires' })
  trusted(): Promise<TrustedEntryDto[]> {
    return this.fraud.trusted();
  }
}
