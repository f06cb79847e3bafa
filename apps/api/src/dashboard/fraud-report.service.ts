import { Inject, Injectable } from '@nestjs/common';
import { RECENT_FRAUD_DAYS, SHADOW_FLAG_PREFIX } from '@otc/contracts';
import type { FraudRefusalDto, FraudRefusalView, Page, ShadowFindingDto, TrustedEntryDto } from '@otc/contracts';
import { CLOCK, Clock } from '../common/clock';
import { ActivityReportService } from '../delivery/activity-report.service';
import type { ActivityEntity } from '../delivery/activity.entity';
import { FraudGuardService } from '../fraud/fraud-guard.service';
import { FraudTrustService } from '../fraud/fraud-trust.service';
import { SpendEstimatesService } from '../spend/spend-estimates.service';
import type { PageQuery } from './page-query';

const SHADOW_FINDINGS_LIMIT = 200;

/** The fraud page's read side: the guard's refusals, the trusted list, what SHADOW mode would have refused. */
@Injectable()
export class FraudReportService {
  constructor(
    private readonly guard: FraudGuardService,
    private readonly activity: ActivityReportService,
    private readonly trust: FraudTrustService,
    private readonly spend: SpendEstimatesService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * A page of refusals, newest first: ACTIVE those in force now, RECENT those in force at some point
   * in the last RECENT_FRAUD_DAYS days; each with an estimate of what the requests it stopped would have cost.
   */
  async refusals(view: FraudRefusalView, tokenId: string | null, page: PageQuery): Promise<Page<FraudRefusalDto>> {
    const now = this.clock.now();
    const endsAfter = view === 'ACTIVE' ? now : new Date(now.getTime() - RECENT_FRAUD_DAYS * 86_400_000);
    const refusals = await this.guard.refusalPage(tokenId, endsAfter, page.cursor, page.limit);
    return { ...refusals, items: this.spend.withSpendAvoided(refusals.items) };
  }

  trusted(): Promise<TrustedEntryDto[]> {
    return this.trust.list();
  }

  async shadowFindings(tokenId: string | null): Promise<ShadowFindingDto[]> {
    const since = new Date(this.clock.now().getTime() - RECENT_FRAUD_DAYS * 86_400_000);
    const rows = await this.activity.shadowFindings(since, tokenId, SHADOW_FINDINGS_LIMIT);
    return rows.map(toShadowFinding);
  }
}

function toShadowFinding(row: ActivityEntity): ShadowFindingDto {
  const flag = row.flags.find((f) => f.detail?.startsWith(SHADOW_FLAG_PREFIX))!;
  return {
    activityId: row.id,
    at: row.createdAt.toISOString(),
    tokenId: row.tokenId,
    channel: row.channel,
    destination: row.destinationMasked,
    country: row.country,
    reasonCode: flag.code,
    finding: flag.detail!.slice(SHADOW_FLAG_PREFIX.length),
  };
}
