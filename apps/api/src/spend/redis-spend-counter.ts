import { OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { closeRedis, createFailFastRedis, whenRedisReady } from '../common/fail-fast-redis';
import type { ReserveResult, SpendCounter } from './spend-counter';

// One round trip per capped send, atomic across instances. ARGV: price, cap (-1: none), idle ms, seed ('' : none).
// Answers {-1} for a missing key without a seed, {0, total} at or over the cap, {1, before, after} when added.
const RESERVE = `
local v = redis.call('GET', KEYS[1])
if not v then
  if ARGV[4] == '' then return {-1} end
  v = ARGV[4]
  redis.call('SET', KEYS[1], v)
end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
local total = tonumber(v)
local cap = tonumber(ARGV[2])
if cap >= 0 and total >= cap then return {0, total} end
local after = redis.call('INCRBY', KEYS[1], ARGV[1])
return {1, total, after}
`;

const ADD = `
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('INCRBY', KEYS[1], ARGV[1]) end
return 1
`;

type SpendRedis = Redis & {
  spendReserve(key: string, price: number, cap: number, idleMs: number, seed: string): Promise<number[]>;
  spendAdd(key: string, amount: number): Promise<number>;
};

/** Shared by every instance; rejects when Redis is unreachable (the caller fails open and says so). */
export class RedisSpendCounter implements SpendCounter, OnApplicationShutdown {
  private readonly redis: SpendRedis;

  constructor(
    url: string,
    private readonly keyPrefix = 'otc:spend:',
    private readonly commandTimeoutMs = 150,
  ) {
    const redis = createFailFastRedis(url, 'otc-spend', commandTimeoutMs);
    redis.defineCommand('spendReserve', { numberOfKeys: 1, lua: RESERVE });
    redis.defineCommand('spendAdd', { numberOfKeys: 1, lua: ADD });
    // The spend service logs the outage once; without a listener ioredis reports each reconnect failure.
    redis.on('error', () => undefined);
    this.redis = redis as SpendRedis;
  }

  async reserve(key: string, price: number, cap: number | null, idleMs: number, seed: number | null): Promise<ReserveResult> {
    await whenRedisReady(this.redis, this.commandTimeoutMs);
    const answer = await this.redis.spendReserve(this.keyPrefix + key, price, cap ?? -1, idleMs, seed === null ? '' : String(seed));
    if (answer[0] === -1) return { kind: 'miss' };
    if (answer[0] === 0) return { kind: 'capped', total: Number(answer[1]) };
    return { kind: 'reserved', before: Number(answer[1]), after: Number(answer[2]) };
  }

  async add(key: string, amount: number): Promise<void> {
    await whenRedisReady(this.redis, this.commandTimeoutMs);
    await this.redis.spendAdd(this.keyPrefix + key, amount);
  }

  async onApplicationShutdown(): Promise<void> {
    await closeRedis(this.redis);
  }
}
