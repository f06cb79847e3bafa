import { defaultPolicy } from '@otc/contracts';
import type { Channel, FraudScopeKind, TokenPolicy } from '@otc/contracts';
import { FakeClock } from '../../test/support/fake-clock';
import type { AppConfig } from '../config/app-config';
import { parsePhoneNumber } from '../common/phone-number';
import { FraudGuardService, GuardVerdict } from './fraud-guard.service';
import type { FraudRefusalEntity } from './fraud-refusal.entity';
import type { FraudRefusalsRepository } from './fraud-refusals.repository';
import { FraudRefusalsService } from './fraud-refusals.service';
import type { ConversionRecords } from './conversion-records';
import type { GuardStore } from './guard-counters';
import type { FraudAlertsService } from './fraud-alerts.service';
import { FraudTrustEntity } from './fraud-trust.entity';
import { FraudTrustRepository } from './fraud-trust.repository';
import { FraudTrustService } from './fraud-trust.service';
import { MemoryGuardStore } from './memory-guard-store';
import { ProvenSeedService } from './proven-seed.service';
import type { RefusalState } from './refusal-ladder';

/** The refusals table in memory, with the repository's semantics (one row per token and scope). */
class InMemoryRefusals implements Pick<FraudRefusalsRepository, 'findActive' | 'findRecent' | 'findScope' | 'findById' | 'open' | 'addStops' | 'lift'> {
  rows: FraudRefusalEntity[] = [];
  private next = 1;

  async findActive(tokenId: string | null, now: Date) {
    return this.rows.filter((r) => (!tokenId || r.tokenId === tokenId) && r.until > now);
  }
  async findRecent(tokenId: string | null, since: Date) {
    return this.findActive(tokenId, since);
  }
  async findScope(tokenId: string, scopeKind: FraudScopeKind, scopeKey: string) {
    return this.rows.find((r) => r.tokenId === tokenId && r.scopeKind === scopeKind && r.scopeKey === scopeKey) ?? null;
  }
  async findById(id: string) {
    return this.rows.find((r) => r.id === id) ?? null;
  }
  async open(state: RefusalState) {
    const existing = await this.findScope(state.tokenId, state.scopeKind, state.scopeKey);
    if (existing && existing.until > state.since) return existing;
    if (existing) Object.assign(existing, state);
    else this.rows.push({ id: `r${this.next++}`, ...state } as FraudRefusalEntity);
    return (await this.findScope(state.tokenId, state.scopeKind, state.scopeKey))!;
  }
  async addStops(id: string, stops: number) {
    const row = await this.findById(id);
    if (row) row.requestsStopped += stops;
  }
  async lift(id: string, now: Date) {
    const row = await this.findById(id);
    if (!row || row.until <= now) return false;
    Object.assign(row, { until: now, liftedAt: now });
    return true;
  }
}

/** The trusted list in memory, with the repository's semantics. */
class InMemoryTrust implements Pick<FraudTrustRepository, 'findUnexpired' | 'add' | 'remove'> {
  rows: FraudTrustEntity[] = [];
  async findUnexpired(now: Date) {
    return this.rows.filter((r) => r.expiresAt > now);
  }
  async add(entry: Omit<FraudTrustEntity, 'id'>) {
    const row = { id: `t${this.rows.length + 1}`, ...entry };
    this.rows.push(row);
    return row;
  }
  async remove(id: string) {
    const row = this.rows.find((r) => r.id === id) ?? null;
    this.rows = this.rows.filter((r) => r.id !== id);
    return row;
  }
}

const CONFIG = { encryptionKey: 'k'.repeat(40) } as unknown as AppConfig;
// Alerts have their own specs; here no webhook is configured.
const NO_ALERTS = { refusalOpened: async () => undefined } as unknown as FraudAlertsService;

function setUp(store: GuardStore = new MemoryGuardStore(), records?: ConversionRecords) {
  const clock = new FakeClock(new Date('2026-03-01T10:00:00Z'));
  const seeds = new ProvenSeedService(store, clock, records);
  const table = new InMemoryRefusals();
  const refusals = new FraudRefusalsService(table as unknown as FraudRefusalsRepository, clock, NO_ALERTS);
  const trust = new FraudTrustService(new InMemoryTrust() as unknown as FraudTrustRepository, refusals, clock, CONFIG);
  const guard = new FraudGuardService(store, refusals, clock, CONFIG, trust, seeds);
  let attempts = 0;
  const send = (
    phoneNumber: string,
    options: { policy?: TokenPolicy; channel?: Channel; ip?: string | null; user?: string | null; tokenId?: string; requestType?: string } = {},
  ) => {
    const attemptId = `a${++attempts}`;
    const request = {
      tokenId: options.tokenId ?? 't1',
      policy: options.policy ?? defaultPolicy(),
      attemptId,
      phone: parsePhoneNumber(phoneNumber),
      requestType: options.requestType ?? 'com.okta.user.telephony.pre-enrollment',
      channel: options.channel ?? 'SMS',
      ipAddress: options.ip === undefined ? null : options.ip,
      oktaUserId: options.user === undefined ? `user-${attempts}` : options.user,
    };
    return guard.check(request).then((verdict) => ({ verdict, attemptId }));
  };
  const convert = (attemptId: string, tokenId = 't1') => guard.recordConversion(tokenId, attemptId);
  return { clock, table, refusals, trust, seeds, guard, send, convert };
}

type Harness = ReturnType<typeof setUp>;

/** A real user in the country signs in: the country is proven for the token. */
async function prove(h: Harness, phoneNumber: string, options: Parameters<Harness['send']>[1] = {}) {
  const { verdict, attemptId } = await h.send(phoneNumber, options);
  expect(verdict.refuse).toBe(false);
  await h.convert(attemptId, options.tokenId);
}

/** Sends a list of numbers `gapMs` apart; what got through and where the first refusal came. */
async function run(h: Harness, numbers: string[], gapMs: number, options: Parameters<Harness['send']>[1] = {}) {
  const verdicts: GuardVerdict[] = [];
  for (const number of numbers) {
    verdicts.push((await h.send(number, options)).verdict);
    h.clock.advance(gapMs);
  }
  const delivered = verdicts.filter((v) => !v.refuse).length;
  return { verdicts, delivered, firstRefused: verdicts.findIndex((v) => v.refuse) };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
// Deterministic spread over a range, without a random number generator.
const spread = (i: number, size: number) => (i * 7_919 + 1_013) % size;

const legitNumbers = [
  '+447400123456', '+14155552671', '+4915212345678', '+33612345678', '+61412345678', '+5511912345678', '+34612345678', '+393471234567',
];

describe('FraudGuardService on a fake clock', () => {
  describe('burst: sequential numbers in one 1,000-number block', () => {
    it('should refuse the block after a handful of numbers and deliver at most 20 of 300', async () => {
      const h = setUp();
      await prove(h, '+998935550001');
      const numbers = Array.from({ length: 300 }, (_, i) => `+998901234${pad(i, 3)}`);
      const result = await run(h, numbers, 20);

      expect(result.delivered).toBeLessThanOrEqual(20);
      expect(result.firstRefused).toBeGreaterThan(0);
      const refused = result.verdicts[result.firstRefused];
      expect(refused).toMatchObject({ refuse: true, reasonCode: 'FRAUD_BLOCK_VELOCITY' });
      expect(h.table.rows.map((r) => r.scopeKind)).not.toContain('COUNTRY');
    });

    it('should explain a refusal in words and mask every number', async () => {
      const h = setUp();
      await prove(h, '+998935550001');
      const result = await run(h, Array.from({ length: 10 }, (_, i) => `+998901234${pad(i, 3)}`), 1000);
      const refused = result.verdicts.find((v) => v.refuse)!;
      expect(refused.refuse && refused.evidence).toMatch(/^\+9989012340xx refused until .+ \(level 1\): 5 unconverted distinct numbers in \+9989012340xx in 1 min, none converted \(limit 4\)$/);
      expect(JSON.stringify(h.table.rows)).not.toMatch(/99890123400\d/);
    });

    it('should keep delivering to a real user elsewhere in the same country while the block is refused', async () => {
      const h = setUp();
      await prove(h, '+998935550001');
      await run(h, Array.from({ length: 50 }, (_, i) => `+998901234${pad(i, 3)}`), 20);
      const other = await h.send('+998935551234');
      expect(other.verdict.refuse).toBe(false);
    });

    it('should lift the refusal by itself after 15 minutes, and refuse for an hour when the burst comes back', async () => {
      const h = setUp();
      await prove(h, '+998935550001');
      await run(h, Array.from({ length: 20 }, (_, i) => `+998901234${pad(i, 3)}`), 20);
      h.clock.advance(15 * 60_000);
      expect((await h.send('+998901234500')).verdict.refuse).toBe(false);

      await run(h, Array.from({ length: 20 }, (_, i) => `+998901234${pad(600 + i, 3)}`), 20);
      const row = h.table.rows.find((r) => r.scopeKey === '998901234xxx' || r.scopeKey === '9989012346xx')!;
      expect(row).toBeDefined();
      const levels = h.table.rows.map((r) => r.level);
      expect(Math.max(...levels)).toBeGreaterThanOrEqual(1);
      const thousand = h.table.rows.find((r) => r.scopeKey === '998901234xxx');
      if (thousand && thousand.level === 2) expect(thousand.until.getTime() - thousand.since.getTime()).toBe(60 * 60_000);
    });
  });

  describe('low and slow: random numbers over four mobile prefixes of one country', () => {
    it('should send at most 20 of 150 at 7/s, without refusing the country for good', async () => {
      const h = setUp();
      const prefixes = ['90', '91', '93', '94'];
      const numbers = Array.from({ length: 150 }, (_, i) => `+998${prefixes[i % 4]}${pad(spread(i, 10_000_000), 7)}`);
      const result = await run(h, numbers, 143);
      expect(result.delivered).toBeLessThanOrEqual(20);
    });
  });

  describe('voice: 100 calls to 10 numbers of one block', () => {
    it('should place at most 20 calls', async () => {
      const h = setUp();
      await prove(h, '+447900555555');
      const numbers = Array.from({ length: 100 }, (_, i) => `+447400123${pad((i % 10) * 7, 3)}`);
      const result = await run(h, numbers, 500, { channel: 'VOICE' });
      expect(result.delivered).toBeLessThanOrEqual(20);
      expect(result.verdicts.find((v) => v.refuse)).toMatchObject({ reasonCode: expect.stringMatching(/^FRAUD_(VOICE_REPEATED|BLOCK_VELOCITY)$/) });
    });
  });

  describe('distributed: rotating addresses, users and countries', () => {
    it('should deliver at most 20 of 200 to countries the token never converted in', async () => {
      const h = setUp();
      const targets = ['+99890', '+99655', '+99277', '+26097', '+23480', '+88017', '+25078', '+22670'];
      const countryDigits: Record<string, number> = { '+99890': 7, '+99655': 7, '+99277': 7, '+26097': 7, '+23480': 8, '+88017': 8, '+25078': 7, '+22670': 6 };
      const verdicts: GuardVerdict[] = [];
      for (let i = 0; i < 200; i++) {
        const prefix = targets[i % targets.length];
        const number = `${prefix}${pad(spread(i, 10 ** countryDigits[prefix]), countryDigits[prefix])}`;
        const { verdict } = await h.send(number, { ip: `198.51.${i % 200}.${(i * 13) % 250}`, user: `attacker-${i}` });
        verdicts.push(verdict);
        h.clock.advance(100);
      }
      expect(verdicts.filter((v) => !v.refuse).length).toBeLessThanOrEqual(20);
    });
  });

  describe('destinations the token never converted in', () => {
    it('should refuse the prefix of a country nobody signed in from after a few numbers', async () => {
      const h = setUp();
      const result = await run(h, ['+998901111111', '+998902222222', '+998903333333', '+998904444444'], 1000);
      expect(result.firstRefused).toBe(2);
      expect(result.verdicts[2]).toMatchObject({ reasonCode: 'FRAUD_UNPROVEN_DESTINATION', evidence: expect.stringContaining('a country this token never converted in') });
      expect(h.table.rows[0]).toMatchObject({ scopeKind: 'PREFIX', scopeLabel: '+99890…' });
      expect((await h.send('+998935551234')).verdict.refuse).toBe(false);
    });

    it('should lift that refusal as soon as a real user there signs in', async () => {
      const h = setUp();
      const first = await h.send('+998901111111');
      await run(h, ['+998902222222', '+998903333333'], 1000);
      expect((await h.send('+998905555555')).verdict.refuse).toBe(true);
      await h.convert(first.attemptId);
      expect((await h.send('+998906666666')).verdict.refuse).toBe(false);
    });

    it('should not hold sign-ins to enrolled numbers to the floors of new numbers, but still refuse a burst of them', async () => {
      const h = setUp();
      const verification = { requestType: 'com.okta.user.telephony.mfa-verification' };
      const spread = await run(h, ['+998901111111', '+998902222222', '+998903333333', '+998904444444', '+998905555555'], 1000, verification);
      expect(spread.delivered).toBe(5);
      const burst = await run(h, Array.from({ length: 10 }, (_, i) => `+998931234${pad(i, 3)}`), 100, verification);
      expect(burst.verdicts[burst.firstRefused]).toMatchObject({ reasonCode: 'FRAUD_BLOCK_VELOCITY' });
    });

    it('should refuse new numbers of a refused unproven prefix, and let enrolled numbers there through', async () => {
      const h = setUp();
      await run(h, ['+998901111111', '+998902222222', '+998903333333'], 1000);
      expect((await h.send('+998906666666')).verdict.refuse).toBe(true);
      expect((await h.send('+998906666667', { requestType: 'com.okta.user.telephony.mfa-verification' })).verdict.refuse).toBe(false);
    });

    it('should refuse every unproven country at once when too many of them are tried together', async () => {
      const h = setUp();
      const thresholds = { unconvertedToUnprovenCountries: 5 };
      const policy = { ...defaultPolicy(), fraudGuard: { mode: 'ENFORCE' as const, thresholds } };
      await prove(h, '+447400123456', { policy });
      const result = await run(h, ['+998901111111', '+996555123456', '+992901234567', '+260971234567', '+2348031234567', '+8801712345678', '+250781234567'], 1000, { policy });
      expect(result.firstRefused).toBe(5);
      expect(h.table.rows[0]).toMatchObject({ scopeKind: 'UNPROVEN_COUNTRIES', reasonCode: 'FRAUD_UNPROVEN_DESTINATION' });
      expect((await h.send('+447700900123', { policy })).verdict.refuse).toBe(false);
    });
  });

  describe('proven countries kept in the records', () => {
    const DAY_MS = 86_400_000;
    // The records of a token that converted in Uzbekistan `daysAgo` days before the test's clock.
    const recordsOf = (daysAgo: number, at = new Date('2026-03-01T10:00:00Z')): ConversionRecords & { reads: number } => ({
      reads: 0,
      async lastConversionsOf(tokenId: string, since: Date) {
        this.reads++;
        const conversion = new Date(at.getTime() - daysAgo * DAY_MS);
        return tokenId === 't1' && conversion >= since ? [{ country: 'UZ', at: conversion }] : [];
      },
    });
    const newUzNumbers = ['+998901111111', '+998902222222', '+998903333333', '+998904444444'];

    it('should treat a country converted in the records as proven when the counters start empty, reading the records once', async () => {
      const records = recordsOf(30);
      const h = setUp(new MemoryGuardStore(), records);
      const result = await run(h, newUzNumbers, 1000);
      expect(result.firstRefused).toBe(-1);
      expect(records.reads).toBe(1);
    });

    it('should hold a country converted 91 days ago in the records to the floors of new numbers', async () => {
      const h = setUp(new MemoryGuardStore(), recordsOf(91));
      expect((await run(h, newUzNumbers, 1000)).firstRefused).toBe(2);
    });

    it('should let a refused send to a country the records prove through the gate of unproven countries', async () => {
      const store = new MemoryGuardStore();
      const records = recordsOf(10);
      const before = setUp(store);
      const policy = { ...defaultPolicy(), fraudGuard: { mode: 'ENFORCE' as const, thresholds: { unconvertedToUnprovenCountries: 2 } } };
      await run(before, ['+996555123456', '+992901234567', '+260971234567'], 1000, { policy });
      expect(before.table.rows[0]).toMatchObject({ scopeKind: 'UNPROVEN_COUNTRIES' });
      // A restart: empty counters, the same refusals table.
      const after = setUp(new MemoryGuardStore(), records);
      after.table.rows = before.table.rows;
      expect((await after.send('+998905555555', { policy })).verdict.refuse).toBe(false);
      expect((await after.send('+250781234567', { policy })).verdict).toMatchObject({ refuse: true, reasonCode: 'FRAUD_UNPROVEN_DESTINATION' });
    });

    it('should judge on the counters alone, without waiting, when the records are slow or unreadable, and retry later', async () => {
      const slow: ConversionRecords = { lastConversionsOf: () => new Promise(() => undefined) };
      const slowly = setUp(new MemoryGuardStore(), slow);
      const started = Date.now();
      expect((await run(slowly, newUzNumbers, 1000)).firstRefused).toBe(2);
      // The sends waited for the seed under way no longer than its bound (100 ms in all), never for the seed itself.
      expect(Date.now() - started).toBeLessThan(1_000);

      let reads = 0;
      const failing: ConversionRecords = {
        lastConversionsOf: async (tokenId, since) => {
          if (++reads === 1) throw new Error('canceling statement due to statement timeout');
          return recordsOf(30).lastConversionsOf(tokenId, since);
        },
      };
      const h = setUp(new MemoryGuardStore(), failing);
      expect((await run(h, newUzNumbers, 1000)).firstRefused).toBe(2);
      expect(reads).toBe(1);
      h.clock.advance(30_000);
      // The refusal of that prefix stands, but the records are read again and prove the country: another of its prefixes is not held to the floors.
      expect((await run(h, ['+998931111111', '+998932222222', '+998933333333'], 1000)).firstRefused).toBe(-1);
      expect(reads).toBe(2);
    });
  });

  describe('legitimate traffic from a cold start', () => {
    it('should deliver every sign-in across eight countries when about 85 % convert', async () => {
      const h = setUp();
      let refused = 0;
      for (let i = 0; i < 400; i++) {
        const base = legitNumbers[i % legitNumbers.length];
        const number = base.slice(0, -4) + pad(spread(i, 10_000), 4);
        const { verdict, attemptId } = await h.send(number, { ip: `203.0.113.${i % 250}` });
        if (verdict.refuse) refused++;
        else if (i % 7 !== 0) await h.convert(attemptId);
        h.clock.advance(250);
      }
      expect(refused).toBe(0);
    });

    it('should widen a block limit by the conversions in it (a company number range)', async () => {
      const h = setUp();
      for (let i = 0; i < 30; i++) {
        const { verdict, attemptId } = await h.send(`+4420794600${pad(i, 2)}`);
        expect(verdict.refuse).toBe(false);
        if (i % 5 !== 0) await h.convert(attemptId);
        h.clock.advance(5000);
      }
    });
  });

  describe('signals of the requester', () => {
    it('should refuse an address that asks for too many countries, scoped to that address', async () => {
      const h = setUp();
      const result = await run(h, legitNumbers, 1000, { ip: '198.51.100.7' });
      expect(result.verdicts[result.firstRefused]).toMatchObject({ reasonCode: 'FRAUD_IP_VELOCITY' });
      expect(h.table.rows[0]).toMatchObject({ scopeKind: 'IP', scopeLabel: '198.51.100.x' });
      expect((await h.send('+447400999999', { ip: '198.51.100.8' })).verdict.refuse).toBe(false);
    });

    it('should refuse an Okta user who asks for one new number after another', async () => {
      const h = setUp();
      const numbers = ['+447400111111', '+447700222222', '+447800333333', '+447900444444', '+447500555555', '+447600666666'];
      const result = await run(h, numbers, 1000, { user: '00uATTACKER' });
      expect(result.verdicts[result.firstRefused]).toMatchObject({ reasonCode: 'FRAUD_USER_VELOCITY' });
      expect(h.table.rows[0]).toMatchObject({ scopeKind: 'USER', scopeLabel: '00uATTACKER' });
    });
  });

  describe('modes', () => {
    it('should record what SHADOW would refuse, deliver, and store no refusal', async () => {
      const h = setUp();
      await prove(h, '+998935550001');
      const policy = { ...defaultPolicy(), fraudGuard: { mode: 'SHADOW' as const, thresholds: {} } };
      const result = await run(h, Array.from({ length: 30 }, (_, i) => `+998901234${pad(i, 3)}`), 20, { policy });
      expect(result.delivered).toBe(30);
      expect(result.verdicts[29].flags[0]).toMatchObject({ code: 'FRAUD_BLOCK_VELOCITY', detail: expect.stringMatching(/^SHADOW \(delivered\): would refuse \+9989012340xx: /) });
      expect(h.table.rows).toEqual([]);
    });

    it('should do nothing when OFF', async () => {
      const h = setUp();
      const policy = { ...defaultPolicy(), fraudGuard: { mode: 'OFF' as const, thresholds: {} } };
      const result = await run(h, Array.from({ length: 30 }, (_, i) => `+998901234${pad(i, 3)}`), 20, { policy });
      expect(result.verdicts.every((v) => !v.refuse && v.flags.length === 0)).toBe(true);
    });

    it("should follow a token's own thresholds", async () => {
      const h = setUp();
      const policy = { ...defaultPolicy(), fraudGuard: { mode: 'ENFORCE' as const, thresholds: { numbersPerHundredBlock: 20, numbersPerThousandBlock: 30, unconvertedPerPrefix: 40, unconvertedPerUnprovenPrefix: 40, unconvertedPerUnprovenCountry: 40, unconvertedToUnprovenCountries: 40, numbersPerUser: 40 } } };
      const result = await run(h, Array.from({ length: 30 }, (_, i) => `+998901234${pad(i, 3)}`), 20, { policy, user: 'same' });
      expect(result.firstRefused).toBe(20);
    });
  });

  describe('when the counters are unreachable', () => {
    it('should deliver, say so on the record, and still apply the refusals it knows', async () => {
      let down = false;
      const memory = new MemoryGuardStore();
      const flaky: GuardStore = {
        observe: (o) => (down ? Promise.reject(new Error('connect ECONNREFUSED')) : memory.observe(o)),
        convert: (...args) => memory.convert(...args),
        reset: (...args) => memory.reset(...args),
        provenCountries: (...args) => memory.provenCountries(...args),
        seedProven: (...args) => memory.seedProven(...args),
      };
      const h = setUp(flaky);
      await run(h, Array.from({ length: 10 }, (_, i) => `+998901234${pad(i, 3)}`), 20);
      down = true;
      expect((await h.send('+447400123456')).verdict).toEqual({ refuse: false, flags: [{ code: 'GUARD_UNAVAILABLE', detail: 'connect ECONNREFUSED' }] });
      expect((await h.send('+998901234001')).verdict.refuse).toBe(true);
    });
  });

  it('should still refuse the send that tripped a signal when its refusal cannot be stored', async () => {
    const h = setUp();
    h.table.open = () => Promise.reject(new Error('connection terminated'));
    const result = await run(h, ['+998901111111', '+998902222222', '+998903333333'], 1000);
    expect(result.verdicts[2]).toMatchObject({ refuse: true, reasonCode: 'FRAUD_UNPROVEN_DESTINATION', evidence: expect.stringMatching(/^\+99890…: 3 unconverted new numbers in \+99890…/) });
  });

  it('should let an admin lift a refusal at once', async () => {
    const h = setUp();
    await prove(h, '+998935550001');
    await run(h, Array.from({ length: 10 }, (_, i) => `+998901234${pad(i, 3)}`), 20);
    const [listed] = await h.guard.listRefusals('t1');
    expect(listed).toMatchObject({ scopeKind: 'BLOCK', scopeLabel: '+9989012340xx', reasonCode: 'FRAUD_BLOCK_VELOCITY', level: 1 });
    expect(await h.guard.liftRefusal(listed.id)).toMatchObject({ id: listed.id, liftedAt: expect.any(String) });
    expect(await h.guard.listRefusals('t1')).toEqual([]);
    expect(await h.guard.liftRefusal(listed.id)).toBeNull();
    expect((await h.send('+998901234001')).verdict.refuse).toBe(false);
  });

  it('should stop refusing a scope lifted on another instance once its cached list is a second old', async () => {
    const store = new MemoryGuardStore();
    const h = setUp(store);
    const otherInstance = new FraudGuardService(store, new FraudRefusalsService(h.table as unknown as FraudRefusalsRepository, h.clock, NO_ALERTS), h.clock, CONFIG, h.trust, h.seeds);
    await prove(h, '+998935550001');
    await run(h, Array.from({ length: 10 }, (_, i) => `+998901234${pad(i, 3)}`), 20);
    const [listed] = await h.guard.listRefusals('t1');
    let now = Date.now();
    const wallClock = jest.spyOn(Date, 'now').mockImplementation(() => now);
    try {
      expect((await h.send('+998901234002')).verdict.refuse).toBe(true);
      expect(await otherInstance.liftRefusal(listed.id)).not.toBeNull();
      // Within the cache time this instance may still refuse from what it holds ...
      expect((await h.send('+998901234003')).verdict.refuse).toBe(true);
      // ... but no longer: a refusal is confirmed against the table before it refuses.
      now += 1001;
      expect((await h.send('+998901234004')).verdict.refuse).toBe(false);
    } finally {
      wallClock.mockRestore();
    }
  });

  describe('the trusted list', () => {
    const trust = { tokenId: null, comment: 'QA devices', expiresInDays: 7, createdBy: 'admin:test' };

    it('should deliver a trusted number while its block is refused, flagged, and keep refusing the rest of the block', async () => {
      const h = setUp();
      await prove(h, '+998935550001');
      await run(h, Array.from({ length: 10 }, (_, i) => `+998901234${pad(i, 3)}`), 20);
      await h.trust.add('NUMBER', '+998901234007', trust);
      const trusted = await h.send('+998901234007');
      expect(trusted.verdict).toEqual({ refuse: false, flags: [{ code: 'GUARD_TRUSTED', detail: expect.stringMatching(/^\+998•+07 is trusted until .+ \(QA devices\); \+9989012340xx would be refused$/) }] });
      expect((await h.send('+998901234008')).verdict.refuse).toBe(true);
    });

    it("should trust a refused number from its refusal, without the number, for the refusal's token only", async () => {
      const h = setUp();
      const policy = { ...defaultPolicy(), fraudGuard: { mode: 'ENFORCE' as const, thresholds: { voiceCallsPerNumber: 2 } } };
      const calls = await run(h, ['+447400123456', '+447400123456', '+447400123456'], 1000, { policy, channel: 'VOICE', requestType: 'com.okta.user.telephony.mfa-verification' });
      expect(calls.firstRefused).toBe(2);
      const [refusal] = await h.guard.listRefusals('t1');
      expect(refusal.scopeKind).toBe('NUMBER');
      expect(await h.trust.addFromRefusal(refusal.id, { comment: 'the CEO', expiresInDays: 30, createdBy: 'admin:test' })).toMatchObject({ kind: 'NUMBER', label: '+44•••••••56', tokenId: 't1' });
      expect((await h.send('+447400123456', { policy, channel: 'VOICE', requestType: 'com.okta.user.telephony.mfa-verification' })).verdict.refuse).toBe(false);
    });

    it('should deliver every number of a trusted block and every number of a trusted Okta user, and stop once the entry expires', async () => {
      const h = setUp();
      await prove(h, '+998935550001');
      await h.trust.add('BLOCK', '+99890123', trust);
      await h.trust.add('USER', '00uQA', { ...trust, expiresInDays: 1 });
      const block = await run(h, Array.from({ length: 30 }, (_, i) => `+998901234${pad(i, 3)}`), 20);
      expect(block.firstRefused).toBe(-1);
      const user = await run(h, Array.from({ length: 10 }, (_, i) => `+998907777${pad(i, 3)}`), 20, { user: '00uQA' });
      expect(user.firstRefused).toBe(-1);
      h.clock.advance(86_400_000 + 1);
      expect((await run(h, Array.from({ length: 10 }, (_, i) => `+998906666${pad(i, 3)}`), 20, { user: '00uQA' })).firstRefused).toBeGreaterThan(-1);
    });

    it('should trust a token only where it was added for one token', async () => {
      const h = setUp();
      await h.trust.add('NUMBER', '+998901111111', { ...trust, tokenId: 't2' });
      const result = await run(h, ['+998901111111', '+998902222222', '+998903333333', '+998901111111'], 1000);
      expect(result.verdicts[3].refuse).toBe(true);
    });

    it('should name the value when it is not a number, block or user', async () => {
      const h = setUp();
      await expect(h.trust.add('NUMBER', '+1 555', trust)).rejects.toMatchObject({ code: 'INVALID_TRUSTED_ENTRY', fields: [{ field: 'value' }] });
      await expect(h.trust.add('BLOCK', '+44', trust)).rejects.toMatchObject({ code: 'INVALID_TRUSTED_ENTRY', fields: [{ field: 'value' }] });
    });
  });
});
