import { CreateTokensAndActivity1764110000000 } from './1764110000000-CreateTokensAndActivity';
import { CreateAdminAuditAndSessions1764120000000 } from './1764120000000-CreateAdminAuditAndSessions';
import { CreateEventsAndConversions1764130000000 } from './1764130000000-CreateEventsAndConversions';
import { CreateActivityRollup1764140000000 } from './1764140000000-CreateActivityRollup';
import { AddInterruptedSweepAndWriteProbe1764150000000 } from './1764150000000-AddInterruptedSweepAndWriteProbe';
import { AddPolicyRevisionAndOutcomeRollup1764170000000 } from './1764170000000-AddPolicyRevisionAndOutcomeRollup';
import { UpgradeTokenPoliciesToV21764175000000 } from './1764175000000-UpgradeTokenPoliciesToV2';
import { CreateFraudRefusals1764180000000 } from './1764180000000-CreateFraudRefusals';
import { CreateVonageCallbackSeen1764190000000 } from './1764190000000-CreateVonageCallbackSeen';
import { AddRetentionIndex1764191000000 } from './1764191000000-AddRetentionIndex';
import { TrimActivityIndexes1764192000000 } from './1764192000000-TrimActivityIndexes';
import { NotifyTokenChanges1764193000000 } from './1764193000000-NotifyTokenChanges';
import { CreateFraudTrust1764194000000 } from './1764194000000-CreateFraudTrust';
import { CreateFraudAlerts1764195000000 } from './1764195000000-CreateFraudAlerts';
import { CreateActivityUsageRollup1764196000000 } from './1764196000000-CreateActivityUsageRollup';
import { NotifyTokenInserts1764198000000 } from './1764198000000-NotifyTokenInserts';
import { DashboardReadsAtScale1764199000000 } from './1764199000000-DashboardReadsAtScale';
import { StoreEventDeliveriesAsSent1764199100000 } from './1764199100000-StoreEventDeliveriesAsSent';
import { HotActivityCompletion1764200000000 } from './1764200000000-HotActivityCompletion';
import { LightenEventIntake1764201000000 } from './1764201000000-LightenEventIntake';
import { FoldRecentMinutes1764202000000 } from './1764202000000-FoldRecentMinutes';
import { FoldWholeDays1764204000000 } from './1764204000000-FoldWholeDays';
import { OptionalEventDeliveryBody1764205000000 } from './1764205000000-OptionalEventDeliveryBody';
import { DropActivityTokenKey1764206000000 } from './1764206000000-DropActivityTokenKey';

/** Every migration in order; TypeORM reads this list instead of scanning the file system. */
export const MIGRATIONS = [
  CreateTokensAndActivity1764110000000,
  CreateAdminAuditAndSessions1764120000000,
  CreateEventsAndConversions1764130000000,
  CreateActivityRollup1764140000000,
  AddInterruptedSweepAndWriteProbe1764150000000,
  AddPolicyRevisionAndOutcomeRollup1764170000000,
  UpgradeTokenPoliciesToV21764175000000,
  CreateFraudRefusals1764180000000,
  CreateVonageCallbackSeen1764190000000,
  AddRetentionIndex1764191000000,
  TrimActivityIndexes1764192000000,
  NotifyTokenChanges1764193000000,
  CreateFraudTrust1764194000000,
  CreateFraudAlerts1764195000000,
  CreateActivityUsageRollup1764196000000,
  NotifyTokenInserts1764198000000,
  DashboardReadsAtScale1764199000000,
  StoreEventDeliveriesAsSent1764199100000,
  HotActivityCompletion1764200000000,
  LightenEventIntake1764201000000,
  FoldRecentMinutes1764202000000,
  FoldWholeDays1764204000000,
  OptionalEventDeliveryBody1764205000000,
  DropActivityTokenKey1764206000000,
];
