import { Inject, Injectable, Logger } from '@nestjs/common';
import { effectiveThresholds, SHADOW_FLAG_PREFIX } from '@otc/contracts';
import type { ActivityFlag, Channel, FraudReasonCode, FraudRefusalDto, Page, TokenPolicy } from '@otc/contracts';
import type { EntityManager } from 'typeorm';
import { CLOCK, Clock } from '../common/clock';
import type { Cursor } from '../common/page';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { hashPhoneNumber } from '../common/phone-number';
import type { PhoneNumberFacts } from '../common/phone-number';
import { Conversion, GUARD_STORE, GuardStore, Observation, ObservationResult, countersOf, windowsOfScope } from './guard-counters';
import { LIFTED_BY_CONVERSION, judge } from './guard-rules';
import { SendScopes, UNPROVEN_COUNTRIES_SCOPE, refusableScopes, scopesOf } from './guard-scopes';
import { ActiveRefusal, FraudRefusalsService, toRefusalDto } from './fraud-refusals.service';
import { FraudTrustService } from './fraud-trust.service';
import { ProvenSeedService } from './proven-seed.service';
import { coveringRefusal } from './refusal-ladder';

export interface GuardRequest {
  tokenId: string;
  policy: TokenPolicy;
  attemptId: string;
  phone: PhoneNumberFacts;
  /** Okta's requestType: pre-enrollment sends go to numbers nobody proved to hold yet. */
  requestType: string | null;
  channel: Channel;
  ipAddress: string | null;
  oktaUserId: string | null;
}

export type GuardVerdict =
  /** Deliver; `flags` carry what SHADOW would have refused, or that the counters were unreachable. */
  | { refuse: false; flags: ActivityFlag[] }
  | { refuse: true; reasonCode: FraudReasonCode; evidence: string; flags: ActivityFlag[] };

const PASS: GuardVerdict = { refuse: false, flags: [] };

// The longest the sends of a token wait, in all, for its proven countries to be seeded from the
// records (once whenever the counters lost them); a slower seed finishes in the background.
const SEED_WAIT_MS = 100;

/** Velocity x conversion: scoped, temporary refusals from signals shared by every instance. */
@Injectable()
export class FraudGuardService {
  private readonly logger = new Logger(FraudGuardService.name);
  private storeDown = false;

  constructor(
    @Inject(GUARD_STORE) private readonly store: GuardStore,
    private readonly refusals: FraudRefusalsService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly trust: FraudTrustService,
    private readonly seeds: ProvenSeedService,
  ) {}

  async check(request: GuardRequest): Promise<GuardVerdict> {
    const { mode } = request.policy.fraudGuard;
    if (mode === 'OFF') return PASS;
    const scopes = this.scopesOf(request);
    if (!scopes) return PASS;
    const thresholds = effectiveThresholds(request.policy.fraudGuard);
    let active: ActiveRefusal[] = [];
    try {
      if (mode === 'ENFORCE') active = await this.activeRefusals(request.tokenId, scopes);
    } catch (error) {
      return this.storeUnavailable(error);
    }
    const covering = coveringRefusal(active, refusableScopes(scopes), this.clock.now());
    if (covering) return (await this.trustedPass(request, scopes, covering.scopeLabel)) ?? this.stopped(covering, thresholds.expiryMinutes);

    const unprovenGate = coveringRefusal(active, [UNPROVEN_COUNTRIES_SCOPE], this.clock.now());
    const nowMs = this.clock.now().getTime();
    const observation: Observation = {
      tokenId: request.tokenId,
      attemptId: request.attemptId,
      country: scopes.country.key,
      counters: countersOf(scopes, request.attemptId),
      windowMs: thresholds.windowMinutes * 60_000,
      unprovenGate: unprovenGate !== null,
      nowMs,
    };
    let observed;
    try {
      observed = await this.store.observe(observation);
      if (!observed.seeded) observed = await this.withSeed(observation, observed);
      this.noteStoreUp();
    } catch (error) {
      return this.storeUnavailable(error);
    }
    if (observed.kind === 'gated') return (await this.trustedPass(request, scopes, unprovenGate!.scopeLabel)) ?? this.stopped(unprovenGate!, thresholds.expiryMinutes);

    const finding = judge({ scopes, counts: observed.counts, proven: observed.proven, thresholds, nowMs });
    if (!finding) return PASS;
    if (mode === 'SHADOW') {
      return { refuse: false, flags: [{ code: finding.reasonCode, detail: `${SHADOW_FLAG_PREFIX}would refuse ${finding.scope.label}: ${finding.evidence}` }] };
    }
    const trusted = await this.trustedPass(request, scopes, finding.scope.label);
    if (trusted) return trusted;
    const refusal = { tokenId: request.tokenId, scopeKind: finding.scope.kind, scopeKey: finding.scope.key, scopeLabel: finding.scope.label, reasonCode: finding.reasonCode, evidence: finding.evidence };
    try {
      return this.refusal(await this.refusals.open(refusal, thresholds.expiryMinutes));
    } catch (error) {
      // The finding stands for this send even if the refusal could not be stored for the next ones.
      this.logger.warn(`Could not store a fraud refusal: ${error instanceof Error ? error.message : String(error)}`);
      return { refuse: true, reasonCode: finding.reasonCode, evidence: `${finding.scope.label}: ${finding.evidence}`, flags: [{ code: finding.reasonCode, detail: `${finding.scope.label}: ${finding.evidence}` }] };
    }
  }

  /**
   * The counters hold no seed of the token's proven countries (they were emptied, or the seed is a
   * day old): seed them from the records. A send to a country the counters do not count as proven
   * waits for it (at most SEED_WAIT_MS from its start) and is judged proven when the records prove its country;
   * otherwise (or if the seed fails) it is judged on the counters alone.
   */
  private async withSeed(observation: Observation, observed: ObservationResult): Promise<ObservationResult> {
    if (observed.kind === 'counted' && observed.proven) {
      void this.seeds.seed(observation.tokenId);
      return observed;
    }
    const proven = await this.seeds.seedWithin(observation.tokenId, SEED_WAIT_MS);
    if (!proven?.has(observation.country)) return observed;
    // Gated as unproven, nothing was counted: the counters now hold the country, so count it again.
    if (observed.kind === 'gated') return this.store.observe(observation);
    return { ...observed, proven: true };
  }

  /**
   * Okta reported the sign-in of an attempt: it leaves the unconverted windows, its country is
   * proven, and a refusal of a destination never converted in that covers it is lifted.
   */
  async recordConversion(tokenId: string, attemptId: string): Promise<void> {
    try {
      const conversion = await this.store.convert(tokenId, attemptId, this.clock.now().getTime());
      if (conversion) await this.liftProvenDestinations(tokenId, conversion);
    } catch (error) {
      this.logger.warn(`Could not record a conversion in the fraud guard: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async liftProvenDestinations(tokenId: string, { windows, newlyProven }: Conversion): Promise<void> {
    const covers = (r: ActiveRefusal) =>
      (r.scopeKind === 'UNPROVEN_COUNTRIES' && newlyProven) ||
      windows.some((w) => (w.name === 'prefix' && r.scopeKind === 'PREFIX' && r.scopeKey === w.key) || (w.name === 'country' && r.scopeKind === 'COUNTRY' && r.scopeKey === w.key));
    const active = await this.refusals.active(tokenId);
    for (const refusal of active.filter((r) => r.reasonCode === LIFTED_BY_CONVERSION && covers(r) && this.refusals.isActive(r))) {
      await this.refusals.lift(refusal.id);
    }
  }

  /**
   * The refusals that apply to this send. A refusal seen in a list older than the cache time is
   * confirmed against a fresh read before it refuses anything, so a lift on any instance holds here
   * within that time; sends that no refusal covers never wait for it.
   */
  private async activeRefusals(tokenId: string, scopes: SendScopes): Promise<ActiveRefusal[]> {
    const cached = applicable(await this.refusals.active(tokenId), scopes);
    const now = this.clock.now();
    const refuses = coveringRefusal(cached, [...refusableScopes(scopes), UNPROVEN_COUNTRIES_SCOPE], now);
    return refuses ? applicable(await this.refusals.fresh(tokenId), scopes) : cached;
  }

  /** Active refusals for the admin fraud page, newest first; all tokens when tokenId is null. */
  listRefusals(tokenId: string | null): Promise<FraudRefusalDto[]> {
    return this.refusals.list(tokenId);
  }

  /** A page of the refusals in force at some point after `endsAfter` (now: those in force now), newest first. */
  refusalPage(tokenId: string | null, endsAfter: Date, after: Cursor | null, limit: number): Promise<Page<FraudRefusalDto>> {
    return this.refusals.page(tokenId, endsAfter, after, limit);
  }

  /**
   * Lifts a refusal now (a person judged it a false alarm): its windows start empty again, and the
   * scope starts at level 1 if it is refused again. Null when no such refusal was active.
   */
  async liftRefusal(id: string): Promise<FraudRefusalDto | null> {
    const lifted = await this.liftRefusalIn(undefined, id);
    await lifted?.afterCommit();
    return lifted?.refusal ?? null;
  }

  /**
   * The same lift written in the caller's transaction (with its audit entry); `afterCommit` then
   * makes this instance stop refusing at once and empties the scope's windows.
   */
  async liftRefusalIn(em: EntityManager | undefined, id: string): Promise<{ refusal: FraudRefusalDto; afterCommit: () => Promise<void> } | null> {
    const lifted = await this.refusals.lift(id, em);
    if (!lifted) return null;
    const afterCommit = async () => {
      this.refusals.forget(lifted.tokenId);
      await this.store.reset(lifted.tokenId, windowsOfScope(lifted.scopeKind, lifted.scopeKey)).catch((error: Error) => this.logger.warn(`Lifted, but the counters were not reset: ${error.message}`));
    };
    return { refusal: toRefusalDto(lifted), afterCommit };
  }

  /** Refusals in force at some point in the last `days` days, lifted and expired ones included. */
  recentRefusals(tokenId: string | null, days: number): Promise<FraudRefusalDto[]> {
    return this.refusals.recent(tokenId, days);
  }

  /**
   * For shedding over the hook throttle: the active refusal covering this send, from what this
   * instance already holds (no round trip), or null.
   */
  hotRefusal(request: Omit<GuardRequest, 'attemptId'>): ActiveRefusal | null {
    if (request.policy.fraudGuard.mode !== 'ENFORCE') return null;
    const scopes = this.scopesOf(request);
    if (!scopes) return null;
    return coveringRefusal(applicable(this.refusals.cached(request.tokenId), scopes), refusableScopes(scopes), this.clock.now());
  }

  /** Counts a request a refusal stopped without it reaching the hook (shed). */
  noteShed(refusal: ActiveRefusal, policy: TokenPolicy): void {
    this.refusals.noteStopped(refusal, effectiveThresholds(policy.fraudGuard).expiryMinutes);
  }

  private scopesOf(request: Omit<GuardRequest, 'attemptId'>): SendScopes | null {
    return scopesOf({
      phone: request.phone,
      requestType: request.requestType,
      channel: request.channel,
      ipAddress: request.ipAddress,
      oktaUserId: request.oktaUserId,
      hash: (value) => hashPhoneNumber(value, this.config.encryptionKey),
    });
  }

  /**
   * Delivery, flagged, when the trusted list covers this send: consulted only when the guard is
   * about to refuse, so other sends never wait for it. An unreadable list trusts nothing.
   */
  private async trustedPass(request: GuardRequest | Omit<GuardRequest, 'attemptId'>, scopes: SendScopes, refused: string): Promise<GuardVerdict | null> {
    const probe = { tokenId: request.tokenId, digits: request.phone.digits!, numberKey: scopes.number.key, userKey: scopes.user?.key ?? null };
    const entry = await this.trust.covering(probe).catch((error: Error) => {
      this.logger.warn(`Could not read the trusted list: ${error.message}`);
      return null;
    });
    if (!entry) return null;
    return { refuse: false, flags: [{ code: 'GUARD_TRUSTED', detail: `${entry.label} is trusted until ${entry.expiresAt.toISOString()} (${entry.comment}); ${refused} would be refused` }] };
  }

  private stopped(refusal: ActiveRefusal, expiryMinutes: number[]): GuardVerdict {
    this.refusals.noteStopped(refusal, expiryMinutes);
    return this.refusal(refusal);
  }

  private refusal(refusal: ActiveRefusal): GuardVerdict {
    const detail = `${refusal.scopeLabel} refused until ${refusal.until.toISOString()} (level ${refusal.level}): ${refusal.evidence}`;
    return { refuse: true, reasonCode: refusal.reasonCode, evidence: detail, flags: [{ code: refusal.reasonCode, detail }] };
  }

  // Counters (or refusals) unreachable: screened by policy only, and said so on the record.
  private storeUnavailable(error: unknown): GuardVerdict {
    const cause = error instanceof Error ? error.message : String(error);
    if (!this.storeDown) this.logger.warn(`Fraud guard counters unavailable (${cause}); delivering on policy alone`);
    this.storeDown = true;
    return { refuse: false, flags: [{ code: 'GUARD_UNAVAILABLE', detail: cause.slice(0, 160) }] };
  }

  private noteStoreUp(): void {
    if (this.storeDown) this.logger.log('Fraud guard counters reachable again');
    this.storeDown = false;
  }
}

/** The refusals that can stop this send: those of unproven destinations stop new numbers only. */
function applicable(refusals: ActiveRefusal[], scopes: SendScopes): ActiveRefusal[] {
  return scopes.newNumber ? refusals : refusals.filter((r) => r.reasonCode !== LIFTED_BY_CONVERSION);
}
