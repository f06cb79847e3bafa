import type { FraudReasonCode, FraudScopeKind } from '@otc/contracts';

/** A refusal's state as the ladder reasons about it (the stored row, minus bookkeeping). */
export interface RefusalState {
  tokenId: string;
  scopeKind: FraudScopeKind;
  scopeKey: string;
  scopeLabel: string;
  reasonCode: FraudReasonCode;
  evidence: string;
  level: number;
  since: Date;
  until: Date;
  requestsStopped: number;
  liftedAt: Date | null;
}

/** A pattern that comes back within this long of its last refusal's end climbs a level. */
export const ESCALATION_MEMORY_MS = 24 * 3600_000;
/** While refused, this many stopped requests per level show the pattern goes on: climb a level. */
export const STOPS_PER_LEVEL = 50;

function durationMs(level: number, expiryMinutes: number[]): number {
  return expiryMinutes[Math.min(level, expiryMinutes.length) - 1] * 60_000;
}

export function isActive(refusal: Pick<RefusalState, 'until'>, now: Date): boolean {
  return refusal.until.getTime() > now.getTime();
}

/**
 * A new refusal for a finding. A scope refused before climbs a level when the pattern returns
 * soon after; one an admin lifted starts again at the bottom (a person judged it a false alarm).
 */
export function openRefusal(
  previous: RefusalState | null,
  finding: Pick<RefusalState, 'tokenId' | 'scopeKind' | 'scopeKey' | 'scopeLabel' | 'reasonCode' | 'evidence'>,
  now: Date,
  expiryMinutes: number[],
): RefusalState {
  const recent = previous !== null && previous.liftedAt === null && now.getTime() - previous.until.getTime() < ESCALATION_MEMORY_MS;
  const level = recent ? Math.min(previous.level + 1, expiryMinutes.length) : 1;
  return { ...finding, level, since: now, until: new Date(now.getTime() + durationMs(level, expiryMinutes)), requestsStopped: 0, liftedAt: null };
}

/** One more request stopped; past STOPS_PER_LEVEL per level the refusal climbs and lasts longer from now. */
export function recordStop(refusal: RefusalState, now: Date, expiryMinutes: number[]): RefusalState {
  const stopped = refusal.requestsStopped + 1;
  const climbs = stopped >= STOPS_PER_LEVEL * refusal.level && refusal.level < expiryMinutes.length;
  if (!climbs) return { ...refusal, requestsStopped: stopped };
  const level = refusal.level + 1;
  return { ...refusal, requestsStopped: stopped, level, until: new Date(Math.max(refusal.until.getTime(), now.getTime() + durationMs(level, expiryMinutes))) };
}

/** The first active refusal covering one of the send's scopes (given narrowest first). */
export function coveringRefusal<T extends Pick<RefusalState, 'scopeKind' | 'scopeKey' | 'until'>>(
  refusals: readonly T[],
  scopes: ReadonlyArray<{ kind: FraudScopeKind; key: string }>,
  now: Date,
): T | null {
  for (const scope of scopes) {
    const hit = refusals.find((r) => r.scopeKind === scope.kind && r.scopeKey === scope.key && isActive(r, now));
    if (hit) return hit;
  }
  return null;
}
