import { AdminFraudService } from '../../src/admin/admin-fraud.service';
import type { FraudCommandServices } from '../../src/cli/fraud-commands';
import type { ConnectorApp } from '../../src/create-app';
import { ConversionByPlaceService } from '../../src/dashboard/conversion-by-place.service';
import { FraudGuardService } from '../../src/fraud/fraud-guard.service';
import { FraudTrustService } from '../../src/fraud/fraud-trust.service';
import { SpendEstimatesService } from '../../src/spend/spend-estimates.service';
import { TokensService } from '../../src/tokens/tokens.service';

/** What `npm run cli -- fraud …` works with, taken from a connector in process (its guard counters are this process's own). */
export function fraudCliServices(connector: ConnectorApp): FraudCommandServices {
  return {
    guard: connector.app.get(FraudGuardService),
    trust: connector.app.get(FraudTrustService),
    admin: connector.app.get(AdminFraudService),
    spend: connector.app.get(SpendEstimatesService),
    conversion: connector.app.get(ConversionByPlaceService),
    tokens: connector.app.get(TokensService),
    countersShared: true,
  };
}
