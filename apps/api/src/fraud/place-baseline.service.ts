import { Inject, Injectable, Logger } from '@nestjs/common';
import { effectiveThresholds } from '@otc/contracts';
import type { PlaceFloorsDto, TokenPolicy } from '@otc/contracts';
import { CLOCK, Clock } from '../common/clock';
import { GUARD_STORE, GuardStore } from './guard-counters';
import { placeFloors } from './guard-rules';
import { ProvenSeedService } from './proven-seed.service';

/** The countries the guard counts as proven for a token, as its next send will see them. */
export interface GuardProvenCountries {
  countries: ReadonlySet<string>;
  /**
   * False when the counters hold no seed from the records and none could be made here (a process
   * without the records reader, such as the CLI, or the records unreadable): the guard seeds them
   * before it judges the token's next send, so a country the records prove counts as proven too.
   */
  seeded: boolean;
}

/** What the guard holds about a token's destinations, for reports: which countries it counts as proven, and the floors either way. */
@Injectable()
export class PlaceBaselineService {
  private readonly logger = new Logger(PlaceBaselineService.name);

  constructor(
    @Inject(GUARD_STORE) private readonly store: GuardStore,
    private readonly seeds: ProvenSeedService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The countries the guard counts as proven for the token; null when its counters cannot be read. */
  async provenCountries(tokenId: string): Promise<GuardProvenCountries | null> {
    try {
      const held = await this.store.provenCountries(tokenId, this.clock.now().getTime());
      if (held.seeded) return { countries: new Set(held.countries), seeded: true };
      const seeded = await this.seeds.seed(tokenId);
      return seeded ? { countries: new Set([...held.countries, ...seeded]), seeded: true } : { countries: new Set(held.countries), seeded: false };
    } catch (error) {
      this.logger.warn(`Could not read the proven countries: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }

  /** The floors a send to a new number there meets; null when the token's guard is OFF. */
  floors(policy: TokenPolicy, proven: boolean): PlaceFloorsDto | null {
    return policy.fraudGuard.mode === 'OFF' ? null : placeFloors(effectiveThresholds(policy.fraudGuard), proven);
  }
}
