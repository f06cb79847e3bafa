import { Inject, Injectable } from '@nestjs/common';
import { monthStart, roundMoney, spendAlertThreshold, spendMonth } from '@otc/contracts';
import type { FraudRefusalDto, MonthToDateDto, PriceTableInfoDto, SpendEstimateDto, TokenPolicy } from '@otc/contracts';
import { CLOCK, Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ActivityReportService } from '../delivery/activity-report.service';
import { TokensService } from '../tokens/tokens.service';
import { priceByToken, priceLines, refusalSpendAvoided, sentSpend } from './spend-pricing';

/** The read side of spend: estimates over a period, a token's month so far, what refusals saved. */
@Injectable()
export class SpendEstimatesService {
  constructor(
    private readonly report: ActivityReportService,
    private readonly tokens: TokensService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get prices(): PriceTableInfoDto {
    const { currency, asOf, source, file } = this.config.priceTable;
    return { currency, asOf, source, file };
  }

  /** Spend and spend avoided over [from, to], every token's or one token's (with its month so far). */
  async estimate(from: Date, to: Date, tokenIdOrShortId: string | null): Promise<SpendEstimateDto> {
    const token = tokenIdOrShortId ? await this.tokens.get(tokenIdOrShortId) : null;
    const [usage, tokens] = await Promise.all([this.report.usage(from, to, token?.id ?? null), token ? [token] : this.tokens.list()]);
    const table = this.config.priceTable;
    const names = new Map(tokens.map((t) => [t.id, t]));
    const byToken = priceByToken(table, usage).map((t) => ({ ...t, tokenShortId: names.get(t.tokenId)?.shortId ?? null, tokenName: names.get(t.tokenId)?.name ?? null }));
    const lines = priceLines(table, usage);
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      prices: this.prices,
      spend: roundMoney(lines.reduce((sum, l) => sum + l.spend, 0)),
      spendAvoided: roundMoney(lines.reduce((sum, l) => sum + l.spendAvoided, 0)),
      byToken,
      lines,
      ...(token ? { monthToDate: await this.monthToDate(token.id, token.policy) } : {}),
    };
  }

  /** A token's estimated spend since the start of the calendar month (UTC) of `now`, from the records. */
  async monthToDateSpend(tokenId: string, now: Date): Promise<number> {
    return sentSpend(this.config.priceTable, await this.report.usage(monthStart(now), now, tokenId));
  }

  async monthToDate(tokenId: string, policy: TokenPolicy): Promise<MonthToDateDto> {
    const now = this.clock.now();
    const spend = roundMoney(await this.monthToDateSpend(tokenId, now));
    const monthlyCap = policy.spend?.monthlyCap ?? null;
    return { month: spendMonth(now), spend, monthlyCap, alertAt: spendAlertThreshold(policy.spend), capReached: monthlyCap !== null && spend >= monthlyCap };
  }

  /** Each refusal with what the requests it stopped would have cost. */
  withSpendAvoided(refusals: FraudRefusalDto[]): FraudRefusalDto[] {
    const table = this.config.priceTable;
    return refusals.map((r) => ({ ...r, estimatedSpendAvoided: { amount: refusalSpendAvoided(table, r), currency: table.currency } }));
  }
}
