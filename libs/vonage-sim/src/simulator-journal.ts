import type { SimulatedCheck, SimulatedInsightsRequest, SimulatedMessage } from './simulator.types';

/** What the simulator observed; arrays are cleared in place so references held by tests stay live. */
export interface SimulatorJournal {
  messages: SimulatedMessage[];
  checks: SimulatedCheck[];
  cancels: string[];
  insightsRequests: SimulatedInsightsRequest[];
  /** Each list keeps at least its newest `limit` entries and at most twice that. */
  limit: number;
}

export const createJournal = (limit = Infinity): SimulatorJournal => ({ messages: [], checks: [], cancels: [], insightsRequests: [], limit: Math.max(1, limit) });

/** Appends an entry; the oldest are dropped in batches of `limit`, so each append costs O(1) on average. */
export function recordIn<T>(journal: SimulatorJournal, list: T[], entry: T): void {
  list.push(entry);
  if (list.length >= 2 * journal.limit) list.splice(0, list.length - journal.limit);
}

export function clearJournal(journal: SimulatorJournal): void {
  journal.messages.length = 0;
  journal.checks.length = 0;
  journal.cancels.length = 0;
  journal.insightsRequests.length = 0;
}
