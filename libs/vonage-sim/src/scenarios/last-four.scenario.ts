// Deterministic behaviours keyed on the last four digits of the destination number, so any
// country's number can trigger them. The README documents the same table.
export type VerifyScenario = 'invalid-to' | 'rate-limit' | 'server-error' | 'unavailable' | 'hang' | 'blocked' | 'sms-fails' | 'normal';
export type InsightsScenario =
  | { kind: 'network-type'; networkType: string }
  | { kind: 'not-found' }
  | { kind: 'invalid-format' }
  | { kind: 'hang' }
  | { kind: 'server-error' }
  | { kind: 'rate-limit' }
  | { kind: 'normal' };

export const VERIFY_SCENARIOS: Readonly<Record<string, VerifyScenario>> = {
  '0422': 'invalid-to',
  '0429': 'rate-limit',
  '0500': 'server-error',
  '0503': 'unavailable',
  '0408': 'hang',
  '0666': 'blocked',
  '0777': 'sms-fails',
};

export const INSIGHTS_SCENARIOS: Readonly<Record<string, InsightsScenario>> = {
  '2001': { kind: 'network-type', networkType: 'VIRTUAL' },
  '2002': { kind: 'network-type', networkType: 'LANDLINE' },
  '2003': { kind: 'network-type', networkType: 'TOLLFREE' },
  '2004': { kind: 'network-type', networkType: 'PREMIUM' },
  '2009': { kind: 'network-type', networkType: 'SATELLITE' },
  '2404': { kind: 'not-found' },
  '2422': { kind: 'invalid-format' },
  '2408': { kind: 'hang' },
  '2500': { kind: 'server-error' },
  '2429': { kind: 'rate-limit' },
};

const lastFour = (phone: string) => phone.replace(/\D/g, '').slice(-4);

export const verifyScenarioFor = (to: string): VerifyScenario => VERIFY_SCENARIOS[lastFour(to)] ?? 'normal';

export const insightsScenarioFor = (phone: string): InsightsScenario => INSIGHTS_SCENARIOS[lastFour(phone)] ?? { kind: 'normal' };
