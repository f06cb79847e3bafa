import type { ActivityDto, Channel } from './activity';
import type { ActivityOutcome, OutcomeCounts } from './activity-outcome';

export type ConnectorMode = 'sandbox' | 'live';

/** The periods the dashboard, a token's traffic and spend estimates cover, ending now. */
export const REPORT_PERIOD_MS = { '24h': 24 * 3600_000, '7d': 7 * 24 * 3600_000, '30d': 30 * 24 * 3600_000 } as const;
export type ReportPeriod = keyof typeof REPORT_PERIOD_MS;
export const REPORT_PERIODS = Object.keys(REPORT_PERIOD_MS) as ReportPeriod[];

export interface LoginRequest {
  apiKey: string;
  apiSecret: string;
}

export interface LoginResponse {
  accessToken: string;
  expiresAt: string;
  mode: ConnectorMode;
}

export interface AuthEventDto {
  id: string;
  published: string;
  tokenId: string | null;
  tokenShortId: string | null;
  eventType: string;
  factor: string | null;
  outcome: string;
  oktaUserId: string | null;
  requestId: string | null;
  reason: string | null;
}

export interface DashboardCounters {
  totalSms: number;
  smsSuccess: number;
  smsBlocked: number;
  totalVoice: number;
  voiceSuccess: number;
  voiceBlocked: number;
}

export type SeriesBucket = 'hour' | 'day';

export interface DashboardDto {
  mode: ConnectorMode;
  period: { from: string; to: string; bucket: SeriesBucket };
  counters: DashboardCounters;
  /** Every attempt of the period by channel and outcome: the headline counters are sums of these. */
  outcomes: Record<Channel, OutcomeCounts>;
  conversionRate: Record<Channel, number | null>;
  recentActivity: ActivityDto[];
  /** Okta's own events only; the connector's conversion checks are listed separately. */
  recentAuthEvents: AuthEventDto[];
  series: Array<{ bucket: string; channel: Channel; outcome: ActivityOutcome; count: number }>;
}

export interface AuditEntryDto {
  id: string;
  at: string;
  actor: string;
  action: string;
  targetId: string | null;
  clientAddress: string | null;
  detail: string | null;
}

export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  fields?: Array<{ field: string; message: string }>;
  errorId?: string;
}

/** Sandbox only: what the simulator "sent"; destinations masked, never the code or the text. */
export interface SandboxMessageDto {
  requestId: string;
  channel: 'sms' | 'voice';
  destination: string;
  brand: string;
  sentAt: string;
}
