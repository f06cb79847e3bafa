import { Inject, Injectable } from '@nestjs/common';
import { PROVEN_COUNTRY_DAYS } from '@otc/contracts';
import type { ConversionByPlaceDto, PlaceBaselineDto, ReportPeriod, TokenDto } from '@otc/contracts';
import { CLOCK, Clock } from '../common/clock';
import { ActivityReportService } from '../delivery/activity-report.service';
import { PlaceBaselineService } from '../fraud/place-baseline.service';
import { TokensService } from '../tokens/tokens.service';
import { PERIODS } from './periods';
import { toConversionByPlace } from './place-conversion';

export interface ConversionByPlaceOptions {
  /**
   * Read which countries the guard counts as proven. Off where the counters are another process's
   * memory (the CLI without Redis): `proven` is then null, and the floors follow the records.
   */
  readGuardCounters: boolean;
}

const DAY_MS = 86_400_000;

/** Conversion by country, channel and request kind, with the guard's baseline for each token in each country. */
@Injectable()
export class ConversionByPlaceService {
  constructor(
    private readonly report: ActivityReportService,
    private readonly tokens: TokensService,
    private readonly baseline: PlaceBaselineService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Over the period ending now, for one token (its id or short id; unknown: not found) or every token (null). */
  async conversionByPlace(period: ReportPeriod, tokenId: string | null, options: ConversionByPlaceOptions = { readGuardCounters: true }): Promise<ConversionByPlaceDto> {
    const token = tokenId ? await this.tokens.get(tokenId) : null;
    const to = this.clock.now();
    const from = new Date(to.getTime() - PERIODS[period]);
    const provenSince = new Date(to.getTime() - PROVEN_COUNTRY_DAYS * DAY_MS);
    const [{ counts, lastConversions }, tokens] = await Promise.all([this.report.byPlace(from, to, token?.id ?? null, provenSince), token ? [token] : this.tokens.list()]);
    const policies = new Map(tokens.map((t): [string, TokenDto] => [t.id, t]));
    const seen = [...new Set(counts.map((c) => c.tokenId))];
    const proven = new Map(await Promise.all(seen.map(async (id) => [id, options.readGuardCounters ? await this.baseline.provenCountries(id) : null] as const)));
    const lastConverted = new Map(lastConversions.map((l) => [`${l.tokenId}|${l.country}`, l.at.toISOString()]));

    const baselineOf = (id: string, country: string | null): PlaceBaselineDto | null => {
      const policy = policies.get(id)?.policy;
      if (!policy) return null;
      const lastConvertedAt = lastConverted.get(`${id}|${country}`) ?? null;
      // The guard keys a number of no country by its calling code, which the records do not keep.
      const held = proven.get(id);
      // Counters not yet seeded from the records count what the records prove as soon as the guard next sees the token.
      const guardSays = country !== null && held ? held.countries.has(country) || (!held.seeded && lastConvertedAt !== null) : null;
      return { tokenId: id, mode: policy.fraudGuard.mode, proven: guardSays, lastConvertedAt, floors: this.baseline.floors(policy, guardSays ?? lastConvertedAt !== null) };
    };
    return toConversionByPlace(counts, baselineOf, { period: { from: from.toISOString(), to: to.toISOString() }, tokenId: token?.id ?? null });
  }
}
