import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SpendEstimateDto } from '@otc/contracts';
import { CLOCK, Clock } from '../common/clock';
import { SpendEstimatesService } from '../spend/spend-estimates.service';
import { SpendQueryDto } from './dto/dashboard-query.dto';
import { PERIODS } from './periods';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('v1/admin/spend')
export class SpendController {
  constructor(
    private readonly spend: SpendEstimatesService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Estimated spend (what reached Vonage) and spend avoided (what refusals stopped) over a period (24h, 7d, 30d; default 24h), overall, per token and per country and channel, priced from the price table; with tokenId, that token only and its month so far against its cap',
  })
  estimate(@Query() query: SpendQueryDto): Promise<SpendEstimateDto> {
    const to = this.clock.now();
    return this.spend.estimate(new Date(to.getTime() - PERIODS[query.period ?? '24h']), to, query.tokenId ?? null);
  }
}
