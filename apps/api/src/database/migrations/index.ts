import { CreateTokensAndActivity1764110000000 } from './1764110000000-CreateTokensAndActivity';
import { CreateAdminAuditAndSessions1764120000000 } from './1764120000000-CreateAdminAuditAndSessions';
import { CreateEventsAndConversions1764130000000 } from './1764130000000-CreateEventsAndConversions';
import { CreateActivityRollup1764140000000 } from './1764140000000-CreateActivityRollup';
import { AddInterruptedSweepAndWriteProbe1764150000000 } from './1764150000000-AddInterruptedSweepAndWriteProbe';
import { UpgradeTokenPoliciesToV21764170000000 } from './1764170000000-UpgradeTokenPoliciesToV2';
import { CreateFraudRefusals1764180000000 } from './1764180000000-CreateFraudRefusals';
import { CreateFraudTrust1764190000000 } from './1764190000000-CreateFraudTrust';
import { CreateFraudAlerts1764200000000 } from './1764200000000-CreateFraudAlerts';

/** Every migration in order; TypeORM reads this list instead of scanning the file system. */
export const MIGRATIONS = [
  CreateTokensAndActivity1764110000000,
  CreateAdminAuditAndSessions1764120000000,
  CreateEventsAndConversions1764130000000,
  CreateActivityRollup1764140000000,
  AddInterruptedSweepAndWriteProbe1764150000000,
  UpgradeTokenPoliciesToV21764170000000,
  CreateFraudRefusals1764180000000,
  CreateFraudTrust1764190000000,
  CreateFraudAlerts1764200000000,
];
