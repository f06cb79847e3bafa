import { Logger, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { closeRedis, createFailFastRedis, whenRedisReady } from '../common/fail-fast-redis';
import { PROVEN_MS, SEED_FRESH_MS } from './guard-counters';
import type { Conversion, CounterName, CounterSpec, GuardStore, Observation, ObservationResult, ProvenCountries, RecordedConversion, WindowCount } from './guard-counters';

// One round trip per hook call, atomic across instances. KEYS: each proven country's last
// conversion (a sorted set scored by time), countries with unconverted sends while unproven, the
// pending record of this attempt, until when the token's seed from the records holds, then a (sent, converted) pair per
// counter. ARGV[6] is the key prefix of the new-number country windows, summed over unproven
// countries; ARGV[7] how long a conversion proves its country.
// The pending record lists which members to move when the attempt converts.
const OBSERVE = `
local n = tonumber(ARGV[1])
local now = tonumber(ARGV[2])
local window = tonumber(ARGV[3])
local gate = ARGV[4] == '1'
local country = ARGV[5]
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[7]))
local seededUntil = redis.call('GET', KEYS[4])
local seeded = (seededUntil and tonumber(seededUntil) > now) and 1 or 0
local proven = redis.call('ZSCORE', KEYS[1], country) ~= false
if gate and not proven then return {-1, seeded} end
if not proven then
  redis.call('SADD', KEYS[2], country)
  redis.call('PEXPIRE', KEYS[2], window)
end
local out = {proven and 1 or 0, seeded}
local moves = {}
for i = 1, n do
  local s = KEYS[4 + 2 * i - 1]
  local c = KEYS[4 + 2 * i]
  local member = ARGV[7 + i]
  redis.call('ZREMRANGEBYSCORE', s, '-inf', now - window)
  redis.call('ZADD', s, now, member)
  redis.call('PEXPIRE', s, window)
  redis.call('ZREMRANGEBYSCORE', c, '-inf', now - window)
  local oldest = redis.call('ZRANGE', s, 0, 0, 'WITHSCORES')
  table.insert(out, redis.call('ZCARD', s)); table.insert(out, redis.call('ZCARD', c)); table.insert(out, tonumber(oldest[2]))
  table.insert(moves, s); table.insert(moves, c); table.insert(moves, member)
end
local unproven = 0
for _, other in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  local s = ARGV[6] .. other
  redis.call('ZREMRANGEBYSCORE', s, '-inf', now - window)
  local size = redis.call('ZCARD', s)
  if size == 0 or redis.call('ZSCORE', KEYS[1], other) ~= false then
    redis.call('SREM', KEYS[2], other)
  else
    unproven = unproven + size
  end
end
table.insert(out, unproven)
redis.call('SET', KEYS[3], cjson.encode({country = country, moves = moves}), 'PX', window)
return out
`;

// Answers the moved windows' keys (sent keys) then '1' when this proved the country (no
// conversion there within ARGV[3] before), or nothing for an attempt it does not know.
const CONVERT = `
local raw = redis.call('GET', KEYS[1])
if not raw then return {} end
redis.call('DEL', KEYS[1])
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local record = cjson.decode(raw)
local moved = {}
for i = 1, #record.moves, 3 do
  redis.call('ZREM', record.moves[i], record.moves[i + 2])
  redis.call('ZADD', record.moves[i + 1], now, record.moves[i + 2])
  redis.call('PEXPIRE', record.moves[i + 1], window)
  table.insert(moved, record.moves[i])
end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - tonumber(ARGV[3]))
local last = redis.call('ZSCORE', KEYS[2], record.country)
if last == false or tonumber(last) < now then redis.call('ZADD', KEYS[2], now, record.country) end
redis.call('PEXPIRE', KEYS[2], ARGV[3])
table.insert(moved, last == false and '1' or '0')
return moved
`;

// Merges the records' last conversions (ARGV[4..]: country, time pairs) into the proven set, a
// later time already held winning, and marks the token seeded for ARGV[3] (until a time, so that
// the seed ages on the callers' clock; the key's own expiry only cleans up).
const SEED = `
local now = tonumber(ARGV[1])
local from = now - tonumber(ARGV[2])
for i = 4, #ARGV, 2 do
  local at = tonumber(ARGV[i + 1])
  local last = redis.call('ZSCORE', KEYS[1], ARGV[i])
  if at > from and (last == false or tonumber(last) < at) then redis.call('ZADD', KEYS[1], at, ARGV[i]) end
end
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
redis.call('SET', KEYS[2], now + tonumber(ARGV[3]), 'PX', ARGV[3])
return 1
`;

type GuardRedis = Redis & {
  guardObserve(...args: Array<string | number>): Promise<number[]>;
  guardConvert(...args: Array<string | number>): Promise<string[]>;
  guardSeed(...args: Array<string | number>): Promise<number>;
};

/** The guard's counters in Redis, shared by every instance. */
export class RedisGuardStore implements GuardStore, OnApplicationShutdown {
  private readonly logger = new Logger(RedisGuardStore.name);
  private readonly redis: GuardRedis;

  constructor(
    url: string,
    private readonly keyPrefix = 'otc:fg:',
    private readonly commandTimeoutMs = 150,
  ) {
    const redis = createFailFastRedis(url, 'otc-fraud-guard', commandTimeoutMs);
    redis.defineCommand('guardObserve', { lua: OBSERVE });
    redis.defineCommand('guardConvert', { numberOfKeys: 2, lua: CONVERT });
    redis.defineCommand('guardSeed', { numberOfKeys: 2, lua: SEED });
    redis.on('error', (error: Error) => this.logger.debug(`Redis: ${error.message}`));
    this.redis = redis as GuardRedis;
  }

  async observe(o: Observation): Promise<ObservationResult> {
    await whenRedisReady(this.redis, this.commandTimeoutMs);
    const base = `${this.keyPrefix}${o.tokenId}:`;
    const keys = [this.provenKey(o.tokenId), `${base}unproven`, `${base}a:${o.attemptId}`, this.seedKey(o.tokenId), ...o.counters.flatMap((c) => [this.sentKey(o.tokenId, c), `${base}c:${c.name}:${c.key}`])];
    const args = [o.counters.length, o.nowMs, o.windowMs, o.unprovenGate ? '1' : '0', o.country, `${base}s:newCountry:`, PROVEN_MS, ...o.counters.map((c) => c.member)];
    const out = await this.redis.guardObserve(keys.length, ...keys, ...args);
    const seeded = out[1] === 1;
    if (out[0] === -1) return { kind: 'gated', seeded };
    const counts: Partial<Record<CounterName, WindowCount>> = {};
    o.counters.forEach((c, i) => {
      const [unconverted, converted, oldestMs] = out.slice(2 + 3 * i, 5 + 3 * i);
      counts[c.name] = { unconverted, converted, oldestMs };
    });
    counts.unproven = { unconverted: out[2 + 3 * o.counters.length], converted: 0, oldestMs: null };
    return { kind: 'counted', proven: out[0] === 1, seeded, counts };
  }

  async convert(tokenId: string, attemptId: string, nowMs: number): Promise<Conversion | null> {
    await whenRedisReady(this.redis, this.commandTimeoutMs);
    const base = `${this.keyPrefix}${tokenId}:`;
    // The converted windows keep their entries as long as the longest window a token may set.
    const moved = await this.redis.guardConvert(`${base}a:${attemptId}`, this.provenKey(tokenId), nowMs, 24 * 3600_000, PROVEN_MS);
    if (moved.length === 0) return null;
    const newlyProven = moved.pop() === '1';
    const windows = moved.map((key) => {
      const [name, ...rest] = key.slice(`${base}s:`.length).split(':');
      return { name: name as CounterName, key: rest.join(':') };
    });
    return { windows, newlyProven };
  }

  async reset(tokenId: string, windows: Array<Pick<CounterSpec, 'name' | 'key'>>): Promise<void> {
    await whenRedisReady(this.redis, this.commandTimeoutMs);
    const unproven = windows.some((w) => w.name === 'unproven') ? await this.redis.smembers(`${this.keyPrefix}${tokenId}:unproven`) : [];
    const keys = [...windows.filter((w) => w.name !== 'unproven'), ...unproven.map((key) => ({ name: 'newCountry' as const, key }))].map((w) => this.sentKey(tokenId, w));
    if (keys.length > 0) await this.redis.del(...keys);
  }

  async provenCountries(tokenId: string, nowMs: number): Promise<ProvenCountries> {
    await whenRedisReady(this.redis, this.commandTimeoutMs);
    const replies = await this.redis
      .multi()
      .zrangebyscore(this.provenKey(tokenId), `(${nowMs - PROVEN_MS}`, '+inf')
      .get(this.seedKey(tokenId))
      .exec();
    const [[countriesError, countries], [seededError, seededUntil]] = replies ?? [[new Error('transaction aborted'), null], [null, null]];
    if (countriesError ?? seededError) throw countriesError ?? seededError;
    return { countries: countries as string[], seeded: Number(seededUntil ?? 0) > nowMs };
  }

  async seedProven(tokenId: string, conversions: RecordedConversion[], nowMs: number): Promise<void> {
    await whenRedisReady(this.redis, this.commandTimeoutMs);
    await this.redis.guardSeed(this.provenKey(tokenId), this.seedKey(tokenId), nowMs, PROVEN_MS, SEED_FRESH_MS, ...conversions.flatMap((c) => [c.country, c.atMs]));
  }

  // A sorted set of each country's last conversion. (Its former name held a plain set, expiring
  // as a whole; that key is left to expire, and the records seed this one.)
  private provenKey(tokenId: string): string {
    return `${this.keyPrefix}${tokenId}:proven-at`;
  }

  private seedKey(tokenId: string): string {
    return `${this.keyPrefix}${tokenId}:proven-seeded`;
  }

  private sentKey(tokenId: string, w: Pick<CounterSpec, 'name' | 'key'>): string {
    return `${this.keyPrefix}${tokenId}:s:${w.name}:${w.key}`;
  }

  async onApplicationShutdown(): Promise<void> {
    await closeRedis(this.redis);
  }
}
