import type { ReportPeriod } from '@otc/contracts';

export const PERIODS: Record<ReportPeriod, number> = { '24h': 24 * 3600_000, '7d': 7 * 24 * 3600_000, '30d': 30 * 24 * 3600_000 };
export type Period = ReportPeriod;
