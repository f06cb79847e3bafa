export { createVonageSimulator } from './vonage-simulator';
export type {
  SimulatedChannel,
  SimulatedCheck,
  SimulatedInsightsRequest,
  SimulatedMessage,
  VonageSimulator,
  VonageSimulatorOptions,
} from './simulator.types';
export { INSIGHTS_SCENARIOS, VERIFY_SCENARIOS } from './scenarios/last-four.scenario';
export type { InsightsScenario, VerifyScenario } from './scenarios/last-four.scenario';
