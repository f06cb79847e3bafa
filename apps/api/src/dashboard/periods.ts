import { REPORT_PERIOD_MS } from '@otc/contracts';
import type { ReportPeriod } from '@otc/contracts';

export const PERIODS = REPORT_PERIOD_MS;
export type Period = ReportPeriod;
