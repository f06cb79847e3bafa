#!/usr/bin/env node
'use strict';
// The physical floor of one OTP on this machine: the operations the hook cannot avoid, each timed in
// isolation (CPU of this process per operation, from process.cpuUsage, after a warm-up), summed into
// microseconds per OTP. Servers (PostgreSQL, Redis, the HTTP peer in a child process) do their share
// elsewhere, as they do for the connector, so the sum compares with the connector's CPU per OTP
// that `bench:run` reports. Then the same operations as whole OTPs (three statements, an EVALSHA, one
// POST, a parse, the digests, an AES-GCM encrypt; statements on a pool of 20 as the connector's), one
// after the other, at an even FLOOR_RATE per second (each OTP starts at start + i / rate whatever the
// earlier ones do) and in bursts of FLOOR_RATE at once each second, user and system CPU apart, so the
// connector's CPU per OTP at an even pace and in bursts (`bench:paced`) has a floor measured alike.
// Run after `npx nx run api:build`: `node bench/hook-floor.js`.
// Env: DATABASE_URL (postgres://postgres@127.0.0.1:5432/postgres), REDIS_URL (redis://127.0.0.1:6379),
// FLOOR_OPS (2000 per operation), FLOOR_RATE (200), FLOOR_ROUNDS (3: back to back and paced take turns).

const { spawn } = require('child_process');
const { createHash, randomBytes } = require('crypto');
const { join } = require('path');
const { Client, Pool } = require('pg');
const Redis = require('ioredis');
const { Agent, request } = require('undici');
const { assertLoopback } = require('./support/live-connector');

const dist = join(__dirname, '../dist/apps/api');
const { parsePhoneNumber, hashPhoneNumber } = require(join(dist, 'common/phone-number.js'));
const { CodeCipher } = require(join(dist, 'delivery/code-cipher.js'));

const OPS = Number(process.env.FLOOR_OPS || 2000);
const RATE = Number(process.env.FLOOR_RATE || 200);
const ROUNDS = Number(process.env.FLOOR_ROUNDS || 3);
const DATABASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

/** CPU µs of this process per call of `op`, sequential, after OPS / 4 warm-up calls. */
async function cpuPerOp(op) {
  for (let i = 0; i < OPS / 4; i++) await op(i);
  const before = process.cpuUsage();
  for (let i = 0; i < OPS; i++) await op(i);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / OPS;
}

/** A keep-alive HTTP peer in its own process answering like Verify (202 with a JSON body). */
function startPeer() {
  const child = spawn(
    process.execPath,
    [
      '-e',
      `require('http').createServer((q, s) => { q.resume(); q.on('end', () => { s.writeHead(202, { 'content-type': 'application/json' }); s.end('{"request_id":"c11236f4-00bf-4b89-84ba-88b25df97315"}'); }); })
         .listen(0, '127.0.0.1', function () { process.stdout.write(String(this.address().port) + '\\n'); });`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve) => child.stdout.once('data', (port) => resolve({ child, url: `http://127.0.0.1:${String(port).trim()}` })));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * CPU ms (user, system) of this process per call of `otp` over OPS calls: one after the other (`rate`
 * 0), or started at `rate` per second in groups of `burst` (1: evenly paced; open loop, as
 * paced-load.js sends hook calls).
 */
async function cpuPerOtp(otp, rate, burst = 1) {
  const before = process.cpuUsage();
  if (!rate) {
    for (let i = 0; i < OPS; i++) await otp(i);
  } else {
    const start = performance.now() + 5;
    const pending = [];
    for (let i = 0; i < OPS; i++) {
      const wait = start + (Math.floor(i / burst) * burst * 1000) / rate - performance.now();
      if (wait > 0) await sleep(wait);
      pending.push(otp(i));
    }
    await Promise.all(pending);
  }
  const used = process.cpuUsage(before);
  return { user: used.user / 1000 / OPS, system: used.system / 1000 / OPS };
}

async function main() {
  assertLoopback(DATABASE_URL);
  assertLoopback(REDIS_URL);
  const db = new Client({ connectionString: DATABASE_URL });
  await db.connect();
  const pool = new Pool({ connectionString: DATABASE_URL, max: 20 });
  const redis = new Redis(REDIS_URL, { lazyConnect: true });
  await redis.connect();
  redis.defineCommand('floorHit', { numberOfKeys: 1, lua: `return redis.call('INCR', KEYS[1])` });
  const peer = await startPeer();
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  const cipher = new CodeCipher(randomBytes(32));
  const key = `otc-floor-${randomBytes(4).toString('hex')}`;
  const body = JSON.stringify({ brand: 'Okta', code: '482913', client_ref: 'x'.repeat(36), workflow: [{ channel: 'sms', to: '447400123456' }] });
  try {
    const rows = [
      { operation: 'prepared pg round trip (named statement)', perOtp: 3, op: () => db.query({ name: 'floor', text: 'SELECT $1::int AS n', values: [1] }) },
      { operation: 'EVALSHA (rate limit; off in bench:run tokens)', perOtp: 0, op: () => redis.floorHit(key) },
      {
        operation: 'keep-alive undici POST with JSON answer',
        perOtp: 1,
        op: async () => {
          const r = await request(peer.url, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json', authorization: 'Bearer x' }, body });
          JSON.parse(await r.body.text());
        },
      },
      { operation: 'phone parse (libphonenumber)', perOtp: 1, op: (i) => parsePhoneNumber(`+4474001${String(10000 + (i % 89999))}`) },
      { operation: 'SHA-256 (token digest) + HMAC (number hash)', perOtp: 1, op: () => (createHash('sha256').update('a'.repeat(48)).digest('hex'), hashPhoneNumber('447400123456', 'pepper')) },
      { operation: 'AES-GCM encrypt (stored code)', perOtp: 1, op: () => cipher.encrypt('482913') },
    ];
    for (const row of rows) row.cpuUs = await cpuPerOp(row.op);
    const table = rows.map(({ operation, cpuUs, perOtp }) => ({ operation, 'cpu µs/op': Math.round(cpuUs), 'per OTP': perOtp, 'µs/OTP': Math.round(cpuUs * perOtp) }));
    console.log(`Floor of one OTP: each operation alone, CPU of this process per operation (${OPS} sequential, after a warm-up); servers elsewhere`);
    console.table(table);
    const post = rows[2].cpuUs;
    const formatOnly = rows.reduce((sum, r) => sum + r.cpuUs * r.perOtp, 0);
    console.log(`floor per OTP, format-only screening (3 statements, 1 POST, parse, digests, AES-GCM): ${Math.round(formatOnly)} µs`);
    console.log(`floor per OTP, with a carrier lookup (+1 POST): ${Math.round(formatOnly + post)} µs`);
    console.log(`with a rate limit (+1 EVALSHA): ${Math.round(formatOnly + rows[1].cpuUs)} µs / ${Math.round(formatOnly + post + rows[1].cpuUs)} µs`);
    console.log('plus what any request costs (bench:run "bare /health/live" CPU per request)');

    // One OTP's operations in the hook's order, the statements and the POST one after the other.
    const statement = () => pool.query({ name: 'floor', text: 'SELECT $1::int AS n', values: [1] });
    const otp = async (i) => {
      rows[3].op(i);
      rows[4].op(i);
      await statement();
      await rows[1].op(i);
      await rows[2].op(i);
      rows[5].op(i);
      await statement();
      await statement();
    };
    for (let i = 0; i < OPS / 4; i++) await otp(i);
    const patterns = { 'one after the other': [0, 1], [`even ${RATE}/s`]: [RATE, 1], [`bursts of ${RATE}, 1/s`]: [RATE, RATE] };
    const runs = Object.fromEntries(Object.keys(patterns).map((name) => [name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, [rate, burst]] of Object.entries(patterns)) runs[name].push(await cpuPerOtp(otp, rate, burst));
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const summary = Object.entries(runs).map(([pattern, r]) => {
      const user = median(r.map((x) => x.user));
      const system = median(r.map((x) => x.system));
      return { pattern, 'user ms/OTP': user.toFixed(3), 'system ms/OTP': system.toFixed(3), 'cpu ms/OTP': (user + system).toFixed(3) };
    });
    const total = (row) => Number(row['cpu ms/OTP']);
    console.log(`Whole OTPs (3 statements on a pool of 20, EVALSHA, 1 POST, parse, digests, AES-GCM), ${OPS} per run, median of ${ROUNDS} runs taking turns:`);
    console.table(summary);
    console.log(`even ${RATE}/s / one after the other: ${(total(summary[1]) / total(summary[0])).toFixed(2)}x; even / bursts: ${(total(summary[1]) / total(summary[2])).toFixed(2)}x`);
  } finally {
    await redis.del(key);
    redis.disconnect();
    await db.end();
    await pool.end();
    await agent.close();
    peer.child.kill();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
