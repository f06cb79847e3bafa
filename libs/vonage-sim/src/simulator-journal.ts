import type { SimulatedCheck, SimulatedInsightsRequest, SimulatedMessage } from './simulator.types';

/** What the simulator observed; arrays are cleared in place so references held by tests stay live. */
export interface SimulatorJournal {
  messages: SimulatedMessage[];
  checks: SimulatedCheck[];
  cancels: string[];
  insightsRequests: SimulatedInsightsRequest[];
}

export const createJournal = (): SimulatorJournal => ({ messages: [], checks: [], cancels: [], insightsRequests: [] });

export function clearJournal(journal: SimulatorJournal): void {
  journal.messages.length = 0;
  journal.checks.length = 0;
  journal.cancels.length = 0;
  journal.insightsRequests.length = 0;
}
