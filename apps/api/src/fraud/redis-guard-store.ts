import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { PROVEN_COUNTRY_DAYS } from '@otc/contracts';
import type Redis from 'ioredis';
import { closeRedis, createFailFastRedis, whenRedisReady } from '../common/fail-fast-redis';
import type { Conversion, CounterName, CounterSpec, GuardStore, Observation, ObservationResult, WindowCount } from './guard-counters';

// One round trip per hook call, atomic across instances. KEYS: proven countries, countries with
// unconverted sends while unproven, the pending record of this attempt, then a (sent, converted)
// pair per counter. ARGV[6] is the key prefix of the new-number country windows, summed over
// unproven countries.
// The pending record lists which members to move when the attempt converts.
const OBSERVE = `
local n = tonumber(ARGV[1])
local now = tonumber(ARGV[2])
local window = tonumber(ARGV[3])
local gate = ARGV[4] == '1'
local country = ARGV[5]
local proven = redis.call('SISMEMBER', KEYS[1], country) == 1
if gate and not proven then return {-1} end
if not proven then
  redis.call('SADD', KEYS[2], country)
  redis.call('PEXPIRE', KEYS[2], window)
end
local out = {proven and 1 or 0}
local moves = {}
for i = 1, n do
  local s = KEYS[3 + 2 * i - 1]
  local c = KEYS[3 + 2 * i]
  local member = ARGV[6 + i]
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
  if size == 0 or redis.call('SISMEMBER', KEYS[1], other) == 1 then
    redis.call('SREM', KEYS[2], other)
  else
    unproven = unproven + size
  end
end
table.insert(out, unproven)
redis.call('SET', KEYS[3], cjson.encode({country = country, moves = moves}), 'PX', window)
return out
`;

// Answers the moved windows' keys (sent keys) then '1' when this proved the country, or nothing
// for an attempt it does not know.
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
local newly = redis.call('SADD', KEYS[2], record.country)
redis.call('PEXPIRE', KEYS[2], ARGV[3])
table.insert(moved, tostring(newly))
return moved
`;

const PROVEN_TTL_MS = PROVEN_COUNTRY_DAYS * 24 * 3600_000;

type GuardRedis = Redis & {
  guardObserve(...args: Array<string | number>): Promise<number[]>;
  guardConvert(...args: Array<string | number>): Promise<string[]>;
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
    redis.on('error', (error: Error) => this.logger.debug(`Redis: ${error.message}`));
    this.redis = redis as GuardRedis;
  }

  async observe(o: Observation): Promise<ObservationResult> {
    await whenRedisReady(this.redis, this.commandTimeoutMs);
    const base = `${this.keyPrefix}${o.tokenId}:`;
    const keys = [`${base}proven`, `${base}unproven`, `${base}a:${o.attemptId}`, ...o.counters.flatMap((c) => [this.sentKey(o.tokenId, c), `${base}c:${c.name}:${c.key}`])];
    const args = [o.counters.length, o.nowMs, o.windowMs, o.unprovenGate ? '1' : '0', o.country, `${base}s:newCountry:`, ...o.counters.map((c) => c.member)];
    const out = await this.redis.guardObserve(keys.length, ...keys, ...args);
    if (out[0] === -1) return { kind: 'gated' };
    const counts: Partial<Record<CounterName, WindowCount>> = {};
    o.counters.forEach((c, i) => {
      const [unconverted, converted, oldestMs] = out.slice(1 + 3 * i, 4 + 3 * i);
      counts[c.name] = { unconverted, converted, oldestMs };
    });
    counts.unproven = { unconverted: out[1 + 3 * o.counters.length], converted: 0, oldestMs: null };
    return { kind: 'counted', proven: out[0] === 1, counts };
  }

  async convert(tokenId: string, attemptId: string, nowMs: number): Promise<Conversion | null> {
    await whenRedisReady(this.redis, this.commandTimeoutMs);
    const base = `${this.keyPrefix}${tokenId}:`;
    // The converted windows keep their entries as long as the longest window a token may set.
    const moved = await this.redis.guardConvert(`${base}a:${attemptId}`, `${base}proven`, nowMs, 24 * 3600_000, PROVEN_TTL_MS);
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

  async provenCountries(tokenId: string): Promise<string[]> {
    await whenRedisReady(this.redis, this.commandTimeoutMs);
    return this.redis.smembers(`${this.keyPrefix}${tokenId}:proven`);
  }

  private sentKey(tokenId: string, w: Pick<CounterSpec, 'name' | 'key'>): string {
    return `${this.keyPrefix}${tokenId}:s:${w.name}:${w.key}`;
  }

  async onApplicationShutdown(): Promise<void> {
    await closeRedis(this.redis);
  }
}
