#!/usr/bin/env node
'use strict';
// Cost of the Okta telephony hook against a bare endpoint of the same connector, in one run
// (DESIGN.md §6: compare ratios, not absolute numbers). The connector is the built `main.js` in its
// own process. Live mode: the Vonage simulator runs here with no added latency, so the connector's
// CPU is its own work. Sandbox mode: the simulator runs inside the connector, as `npm start` runs it.
//
// Per scenario (bare /health/live; hook with format-only screening; hook with a carrier lookup;
// hook with format-only screening and the fraud guard enforcing, its traffic spread over users,
// addresses, blocks and countries so that every call is judged and delivered; `sent/req` in live mode
// says how many were):
// - a saturation run (BENCH_CONNECTIONS connections): req/s;
// - a steady run at BENCH_RATE req/s: p50, p99 and CPU per request of the connector process and of
//   PostgreSQL (its backends serving the connector's database; with the embedded database, every
//   process of its server), read from /proc, so nothing is added to the connector.
// Each instance first warms up for BENCH_WARMUP_SECONDS (JIT, pools, caches).
//
// Run after `npx nx run api:build`: `node bench/hook-throughput.js`. Env: BENCH_SECONDS (10),
// BENCH_WARMUP_SECONDS (20), BENCH_RATE (200), BENCH_CONNECTIONS (20), BENCH_MODES (`live,sandbox`), BENCH_DIST,
// BENCH_BASELINE_DIST (the directory holding `main.js` and `cli.js` of another build: measured in the same run,
// both run at once, each scenario measured on one right after the other, and each figure gets a
// ratio against it), DATABASE_URL (a fresh database per instance on that
// server; the embedded PostgreSQL without it), REDIS_URL (rate-limit counters; in-process without it).

const { randomBytes } = require('crypto');
const { readdirSync, readFileSync } = require('fs');
const autocannon = require('autocannon');
const { Client } = require('pg');
const {
  callFactory,
  cpuMs,
  createDatabase,
  createScreeningToken,
  guardScenarioPolicy,
  screeningInsights,
  sleep,
  spreadCallFactory,
  startInstance,
  startSimulator,
  stopInstance,
} = require('./support/live-connector');

const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS || 20);
const RATE = Number(process.env.BENCH_RATE || 200);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 20);
const MODES = (process.env.BENCH_MODES || 'live,sandbox').split(',');
// Comma-separated: each is measured too, labelled by its position (baseline, baseline2, ...).
// The build measured as "this build" (default: the one in dist/), e.g. a copy kept while dist/ is rebuilt.
const THIS_DIST = process.env.BENCH_DIST || null;
const BASELINE_DISTS = (process.env.BENCH_BASELINE_DIST || '').split(',').filter(Boolean);
const SCENARIO_WARMUP_SECONDS = 2;
const RUN_ID = `bench-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
const sequentialCall = callFactory(RUN_ID);
const spreadCall = spreadCallFactory(`${RUN_ID}-spread`);

function run(options) {
  return new Promise((resolve, reject) => autocannon({ connections: CONNECTIONS, ...options }, (e, r) => (e ? reject(e) : resolve(r))));
}

/** An autocannon run for one scenario: `secret` null is the bare endpoint. */
function load(url, scenario, seconds, rate) {
  const { secret, nextCall = sequentialCall } = scenario;
  const fixed = rate ? { overallRate: rate } : {};
  if (!secret) return run({ url: `${url}/health/live`, duration: seconds, ...fixed });
  return run({
    url,
    duration: seconds,
    ...fixed,
    requests: [
      {
        method: 'POST',
        path: '/v1/hooks/okta/telephony',
        headers: { 'content-type': 'application/json', authorization: secret },
        setupRequest: (request) => ({ ...request, body: JSON.stringify(nextCall()) }),
      },
    ],
  });
}

/** Every process below `rootPid` (the embedded PostgreSQL server is a child of the connector). */
function descendants(rootPid) {
  const parents = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const found = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.shift();
    for (const [child, parent] of parents) {
      if (parent !== pid) continue;
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** The PostgreSQL processes doing the connector's work: its backends on a shared server, or the whole embedded server. */
async function postgresPids(instance) {
  if (!instance.database) return descendants(instance.pid);
  const client = new Client({ connectionString: instance.database.url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()`,
    );
    return rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}

async function cpuSnapshot(instance) {
  const pids = await postgresPids(instance);
  return { connector: cpuMs(instance.pid), postgres: new Map(pids.map((pid) => [pid, cpuMs(pid)])) };
}

async function cpuSince(instance, before) {
  const after = await cpuSnapshot(instance);
  let postgres = 0;
  // A backend opened during the window counts from zero.
  for (const [pid, ms] of after.postgres) if (Number.isFinite(ms)) postgres += ms - (before.postgres.get(pid) ?? 0);
  return { connector: after.connector - before.connector, postgres };
}

async function measure(instance, scenario, simulator) {
  if (scenario.unsupported) return { name: `${instance.label} ${scenario.name}: not in this build` };
  await load(instance.url, scenario, SCENARIO_WARMUP_SECONDS);
  const saturated = await load(instance.url, scenario, SECONDS);
  await sleep(300);
  const before = await cpuSnapshot(instance);
  const sentBefore = simulator.messages.length;
  const steady = await load(instance.url, scenario, SECONDS, RATE);
  const cpu = await cpuSince(instance, before);
  const requests = steady.requests.total;
  // Live mode: the simulator here sees every message the hook sends (a refused call sends none).
  const sent = instance.live && scenario.secret ? round((simulator.messages.length - sentBefore) / requests) : '-';
  return {
    name: `${instance.label} ${scenario.name}`,
    'req/s': Math.round(saturated.requests.average),
    p50: steady.latency.p50,
    p99: steady.latency.p99,
    'cpu ms/req': round(cpu.connector / requests),
    'pg ms/req': round(cpu.postgres / requests),
    'sent/req': sent,
    failed: saturated.non2xx + saturated.errors + saturated.timeouts + steady.non2xx + steady.errors + steady.timeouts,
  };
}

const round = (n) => Math.round(n * 1000) / 1000;

async function startBuild(label, mode, dist, simulatorEnv) {
  const database = process.env.DATABASE_URL ? await createDatabase(process.env.DATABASE_URL, 'otc_bench') : null;
  const secrets = { JWT_SECRET: simulatorEnv.JWT_SECRET, ENCRYPTION_KEY: simulatorEnv.ENCRYPTION_KEY, HOOK_THROTTLE_PER_SECOND: simulatorEnv.HOOK_THROTTLE_PER_SECOND, NODE_ENV: 'production' };
  const env = { ...(mode === 'live' ? simulatorEnv : secrets), ...(database ? { DATABASE_URL: database.url } : {}) };
  const instance = await startInstance(`${label}-${mode}`.replace(/\s/g, '-'), env, { dist: dist ?? undefined });
  const token = (name, changes) => createScreeningToken(instance, `${RUN_ID}-${name}`, changes, { dist: dist ?? undefined });
  const scenarios = [
    { name: 'bare /health/live', secret: null },
    { name: 'hook, format only', secret: token('format', { insights: screeningInsights(false) }) },
    ...(mode === 'live' ? [{ name: 'hook, carrier lookup', secret: token('carrier', { insights: screeningInsights(true) }) }] : []),
  ];
  // Every signal counted and judged, for traffic spread over users, addresses, blocks and countries
  // that stays within the limits, so the row measures delivered calls; a build without the guard
  // refuses the policy section and skips the scenario.
  try {
    const secret = token('guard', { insights: screeningInsights(false), fraudGuard: guardScenarioPolicy() });
    scenarios.push({ name: 'hook, format only, fraud guard on', secret, nextCall: spreadCall });
  } catch {
    scenarios.push({ name: 'hook, format only, fraud guard on', secret: null, unsupported: true });
  }
  return Object.assign(instance, { label: `${label} ${mode}`, live: mode === 'live', database, scenarios });
}

async function stopBuild(instance) {
  const problem = await stopInstance(instance);
  if (problem) console.error(problem);
  await instance.database?.drop();
}

/** Every build of one mode runs at once; each scenario is measured on one build right after the other, so noise hits both alike. */
async function measureMode(mode, builds, simulator, simulatorEnv) {
  const instances = [];
  try {
    for (const build of builds) instances.push(await startBuild(build.label, mode, build.dist, simulatorEnv));
    for (const instance of instances) await load(instance.url, instance.scenarios[instance.scenarios.length - 1], WARMUP_SECONDS);
    const rows = [];
    for (let i = 0; i < instances[0].scenarios.length; i++) {
      for (const instance of instances) rows.push(await measure(instance, instance.scenarios[i], simulator));
    }
    return rows;
  } finally {
    for (const instance of instances) await stopBuild(instance);
  }
}

async function main() {
  const { simulator, env } = await startSimulator(0);
  try {
    const builds = [{ label: 'this build', dist: THIS_DIST }, ...BASELINE_DISTS.map((dist, i) => ({ label: `baseline${i ? i + 1 : ''}`, dist }))];
    const all = [];
    for (const mode of MODES) all.push(...(await measureMode(mode, builds, simulator, env)));
    const rows = all.filter((r) => r.name.startsWith('this build'));
    const baseline = all.filter((r) => r.name.startsWith('baseline'));
    if (BASELINE_DISTS.length) console.log(`baselines: ${BASELINE_DISTS.map((d, i) => `baseline${i ? i + 1 : ''} = ${d}`).join('; ')}`);
    console.log(
      `Telephony hook benchmark: ${SECONDS} s saturated (${CONNECTIONS} connections) and ${SECONDS} s at ${RATE} req/s per scenario, ` +
        `after ${WARMUP_SECONDS} s warm-up; ${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PostgreSQL'}, ` +
        `${process.env.REDIS_URL ? 'Redis' : 'in-process counters'}; connector in its own process; live mode: simulator in the benchmark's process, 0 ms`,
    );
    console.table(all);
    for (const mode of MODES) {
      const bare = rows.find((r) => r.name === `this build ${mode} bare /health/live`);
      for (const r of rows.filter((x) => x.name.startsWith(`this build ${mode} hook`))) {
        console.log(`${r.name}: throughput ${(r['req/s'] / bare['req/s']).toFixed(4)}x bare; p99 ${r.p99} ms vs bound 3 x ${bare.p99} + 5 = ${3 * bare.p99 + 5} ms`);
      }
    }
    for (const b of baseline) {
      const r = rows.find((x) => x.name === b.name.replace(/^baseline\d*/, 'this build'));
      if (!r) continue;
      const of = (k) => (b[k] > 0 ? (r[k] / b[k]).toFixed(2) : '-');
      console.log(`${r.name} / ${b.name.split(' ')[0]}: req/s ${of('req/s')}x, p99 ${of('p99')}x, connector CPU per request ${of('cpu ms/req')}x, PostgreSQL CPU per request ${of('pg ms/req')}x`);
    }
    console.log(`simulator (live mode): ${simulator.messages.length} messages, ${simulator.insightsRequests.length} insights lookups`);
    return [...rows, ...baseline].some((r) => r.failed > 0) ? 1 : 0;
  } finally {
    await simulator.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
