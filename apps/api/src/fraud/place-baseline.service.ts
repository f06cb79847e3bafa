import { Inject, Injectable, Logger } from '@nestjs/common';
import { effectiveThresholds } from '@otc/contracts';
import type { PlaceFloorsDto, TokenPolicy } from '@otc/contracts';
import { GUARD_STORE, GuardStore } from './guard-counters';
import { placeFloors } from './guard-rules';

/** What the guard holds about a token's destinations, for reports: which countries it counts as proven, and the floors either way. */
@Injectable()
export class PlaceBaselineService {
  private readonly logger = new Logger(PlaceBaselineService.name);

  constructor(@Inject(GUARD_STORE) private readonly store: GuardStore) {}

  /** The countries the guard counts as proven for the token; null when its counters cannot be read. */
  async provenCountries(tokenId: string): Promise<ReadonlySet<string> | null> {
    try {
      return new Set(await this.store.provenCountries(tokenId));
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
