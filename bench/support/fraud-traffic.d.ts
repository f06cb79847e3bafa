/** Types of fraud-traffic.js, for the TypeScript e2e tests that import it. */
export interface TrafficRequest {
  phoneNumber: string;
  channel: 'SMS' | 'VOICE';
  ipAddress: string;
  userId: string;
  /** Okta's requestType; pre-enrollment when absent. */
  requestType?: string;
}

export interface SignIn extends TrafficRequest {
  converts: boolean;
}

export interface Attack {
  name: string;
  perSecond: number;
  requests: TrafficRequest[];
}

export function seeded(seed: number): () => number;
export function legitimateSignIns(options: { count: number; users?: number; seed?: number; conversionRate?: number }): SignIn[];
export function burstAttack(options?: { count?: number; seed?: number; block?: string }): TrafficRequest[];
export function lowAndSlowAttack(options?: { count?: number; seed?: number }): TrafficRequest[];
export function voiceAttack(options?: { count?: number; seed?: number }): TrafficRequest[];
export function distributedAttack(options?: { count?: number; seed?: number }): TrafficRequest[];
export function attacks(): Attack[];
export function telephonyBody(fields: TrafficRequest & { eventId: string; otpCode: string }): Record<string, unknown>;
export function signInEventBody(fields: { eventId: string; userId: string; channel: 'SMS' | 'VOICE'; published?: Date }): Record<string, unknown>;
