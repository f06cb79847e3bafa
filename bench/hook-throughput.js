#!/usr/bin/env node
'use strict';
// Cost of the Okta telephony hook against a bare endpoint of the same connector, in one run
// (DESIGN.md §6: compare ratios, not absolute numbers). The connector is the built `main.js` in its
// own process. Live mode: a Vonage simulator runs here for each connector with no added latency, so the
// connector's CPU is its own work. Sandbox mode: the simulator runs inside the connector, as `npm start`
// runs it, and sends its signed status callbacks to it.
//
// Per scenario (bare /health/live; hook with format-only screening; live only: the same with Vonage's
// status callbacks (one per message, as in production and in sandbox mode), and hook with a carrier
// lookup; hook with format-only screening and the fraud guard enforcing, its traffic spread over users,
// addresses, blocks and countries so that every call is judged and delivered; `sent/req` in live mode
// says how many were):
// - a saturation run (BENCH_CONNECTIONS connections): req/s;
// - a steady run at an even BENCH_RATE req/s (open loop, `support/paced-load.js`): p50, p99 and CPU per request of the connector process and of
//   PostgreSQL (its backends serving the connector's database; with the embedded database, every
//   process of its server), read from /proc, so nothing is added to the connector; and otp_activity's
//   updates per request and the share of them that were HOT (no index entry written), from
//   pg_stat_user_tables.
// Each instance first warms up for BENCH_WARMUP_SECONDS (JIT, pools, caches).
//
// Run after `npx nx run api:build`: `node bench/hook-throughput.js`. Env: BENCH_SECONDS (10),
// BENCH_WARMUP_SECONDS (20), BENCH_RATE (200), BENCH_CONNECTIONS (20), BENCH_MODES (`live,sandbox`), BENCH_DIST,
// BENCH_INTERLEAVE_MODES (1: every mode's instances run at once and each scenario is measured on one
// right after the other, so sandbox and live are compared over the same minutes; 0: one mode at a time),
// BENCH_BASELINE_DIST (the directory holding `main.js` and `cli.js` of another build: measured in the same run,
// both run at once, each scenario measured on one right after the other, and each figure gets a
// ratio against it), DATABASE_URL (a fresh database per instance on that
// server; the embedded PostgreSQL without it), REDIS_URL (rate-limit counters; in-process without it).

const { randomBytes } = require('crypto');
const { readdirSync, readFileSync } = require('fs');
const { join } = require('path');
const autocannon = require('autocannon');
const { Client } = require('pg');
const {
  CONNECTOR_ENV,
  callFactory,
  cpuMs,
  createDatabase,
  createScreeningToken,
  guardScenarioPolicy,
  saturatingHookLoad,
  screeningInsights,
  sleep,
  spreadCallFactory,
  startInstance,
  startSimulator,
  stopInstance,
} = require('./support/live-connector');
const { pacedHookLoad, pacedLoad } = require('./support/paced-load');

const { findRunningEmbeddedPostgres } = require(join(__dirname, '..', 'dist/apps/api/database/embedded-postgres.js'));

const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS || 20);
const RATE = Number(process.env.BENCH_RATE || 200);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 20);
const MODES = (process.env.BENCH_MODES || 'live,sandbox').split(',');
// Comma-separated: each is measured too, labelled by its position (baseline, baseline2, ...).
// The build measured as "this build" (default: the one in dist/), e.g. a copy kept while dist/ is rebuilt.
const THIS_DIST = process.env.BENCH_DIST || null;
const BASELINE_DISTS = (process.env.BENCH_BASELINE_DIST || '').split(',').filter(Boolean);
// Both modes' instances at once (default); 0: one mode after the other (fewer connections on a shared server).
const INTERLEAVE_MODES = process.env.BENCH_INTERLEAVE_MODES !== '0';
const SCENARIO_WARMUP_SECONDS = 2;
const RUN_ID = `bench-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
const sequentialCall = callFactory(RUN_ID);
const spreadCall = spreadCallFactory(`${RUN_ID}-spread`);

/** A saturating run for one scenario: `secret` null is the bare endpoint. */
function load(url, scenario, seconds) {
  const { secret, nextCall = sequentialCall } = scenario;
  if (!secret) {
    return new Promise((resolve, reject) =>
      autocannon({ url: `${url}/health/live`, connections: CONNECTIONS, duration: seconds }, (e, r) => (e ? reject(e) : resolve(r))),
    );
  }
  return saturatingHookLoad({ url, secret, seconds, nextCall, connections: CONNECTIONS });
}

/** The scenario at an even RATE per second for `seconds` (see paced-load.js): latencies from each request's planned moment. */
function steadyLoad(url, scenario, seconds) {
  const { secret, nextCall = sequentialCall } = scenario;
  if (!secret) return pacedLoad({ url, path: '/health/live', count: Math.round(seconds * RATE), rate: RATE });
  return pacedHookLoad({ url, secret, seconds, rate: RATE, nextCall });
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

/**
 * otp_activity's update counters: all updates, and HOT ones (the row rewritten in its page, no index
 * entry written). PostgreSQL publishes a backend's counters when it goes idle, at most once a second.
 */
async function activityUpdates(instance) {
  const client = new Client({ connectionString: instance.database?.url ?? findRunningEmbeddedPostgres(instance.dataDir) });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT n_tup_upd::int AS updates, n_tup_hot_upd::int AS hot FROM pg_stat_user_tables WHERE relname = 'otp_activity'`);
    return rows[0] ?? { updates: 0, hot: 0 };
  } finally {
    await client.end();
  }
}

async function measure(instance, scenario) {
  if (scenario.unsupported) return { name: `${instance.label} ${scenario.name}: not in this build` };
  if (scenario.callbacks) instance.simulator.setCallbackUrl(`${instance.url}/v1/hooks/vonage/status`);
  await load(instance.url, scenario, SCENARIO_WARMUP_SECONDS);
  const saturated = await load(instance.url, scenario, SECONDS);
  await sleep(1100);
  // Read before the CPU window opens: its backend would count as the connector's.
  const updatesBefore = await activityUpdates(instance);
  const before = await cpuSnapshot(instance);
  const sentBefore = instance.simulator?.messages.length ?? 0;
  const steady = await steadyLoad(instance.url, scenario, SECONDS);
  // The last callbacks (20 ms after their message) are part of the window.
  if (scenario.callbacks) await sleep(100);
  const cpu = await cpuSince(instance, before);
  await sleep(1100);
  const updatesAfter = await activityUpdates(instance);
  const updates = updatesAfter.updates - updatesBefore.updates;
  if (scenario.callbacks) {
    instance.simulator.setCallbackUrl(undefined);
    await instance.simulator.flushCallbacks();
  }
  const requests = steady.total;
  // Live mode: the simulator here sees every message the hook sends (a refused call sends none).
  const sent = instance.simulator && scenario.secret ? round((instance.simulator.messages.length - sentBefore) / requests) : '-';
  return {
    name: `${instance.label} ${scenario.name}`,
    'req/s': Math.round(saturated.requests.average),
    p50: steady.p50,
    p99: steady.p99,
    'max lag': steady.maxSendLag,
    'cpu ms/req': round(cpu.connector / requests),
    'pg ms/req': round(cpu.postgres / requests),
    'sent/req': sent,
    'upd/req': scenario.secret ? round(updates / requests) : '-',
    'HOT upd': scenario.secret && updates > 0 ? `${Math.round((100 * (updatesAfter.hot - updatesBefore.hot)) / updates)} %` : '-',
    failed: saturated.non2xx + saturated.errors + saturated.timeouts + steady.non2xx + steady.errors,
  };
}

const round = (n) => Math.round(n * 1000) / 1000;

async function startBuild(label, mode, dist) {
  const database = process.env.DATABASE_URL ? await createDatabase(process.env.DATABASE_URL, 'otc_bench') : null;
  // Live mode: a simulator of its own, so its status callbacks reach this instance and no other.
  const live = mode === 'live' ? await startSimulator(0) : null;
  const env = { ...(live ? live.env : CONNECTOR_ENV), ...(database ? { DATABASE_URL: database.url } : {}) };
  const instance = await startInstance(`${label}-${mode}`.replace(/\s/g, '-'), env, { dist: dist ?? undefined });
  instance.simulator = live?.simulator ?? null;
  const token = (name, changes) => createScreeningToken(instance, `${RUN_ID}-${name}`, changes, { dist: dist ?? undefined });
  const format = token('format', { insights: screeningInsights(false) });
  const scenarios = [
    { name: 'bare /health/live', secret: null },
    { name: 'hook, format only', secret: format },
    ...(live
      ? [
          { name: 'hook, format only, status callbacks', secret: format, callbacks: true },
          { name: 'hook, carrier lookup', secret: token('carrier', { insights: screeningInsights(true) }) },
        ]
      : []),
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
  if (instance.simulator) {
    simulatorTotals.messages += instance.simulator.messages.length;
    simulatorTotals.insights += instance.simulator.insightsRequests.length;
    await instance.simulator.close();
  }
}

// What the live-mode simulators saw, over the run.
const simulatorTotals = { messages: 0, insights: 0 };

/**
 * The instances of `modes` x `builds` run at once; each scenario is measured on one instance right
 * after the other (a scenario of one mode only on that mode's instances), so load from elsewhere hits
 * them alike and the ratios between builds and between modes come from the same minutes.
 */
async function measureTogether(modes, builds) {
  const instances = [];
  try {
    for (const mode of modes) for (const build of builds) instances.push(await startBuild(build.label, mode, build.dist));
    for (const instance of instances) await load(instance.url, instance.scenarios[instance.scenarios.length - 1], WARMUP_SECONDS);
    const names = [...new Set(instances.flatMap((instance) => instance.scenarios.map((scenario) => scenario.name)))];
    const rows = [];
    for (const name of names) {
      for (const instance of instances) {
        const scenario = instance.scenarios.find((x) => x.name === name);
        if (scenario) rows.push(await measure(instance, scenario));
      }
    }
    return rows;
  } finally {
    for (const instance of instances) await stopBuild(instance);
  }
}

async function main() {
  const builds = [{ label: 'this build', dist: THIS_DIST }, ...BASELINE_DISTS.map((dist, i) => ({ label: `baseline${i ? i + 1 : ''}`, dist }))];
  const all = [];
  if (INTERLEAVE_MODES) all.push(...(await measureTogether(MODES, builds)));
  else for (const mode of MODES) all.push(...(await measureTogether([mode], builds)));
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
      const bound = Math.round((3 * bare.p99 + 5) * 10) / 10;
      console.log(`${r.name}: throughput ${(r['req/s'] / bare['req/s']).toFixed(4)}x bare; p99 ${r.p99} ms vs bound 3 x ${bare.p99} + 5 = ${bound} ms`);
    }
  }
  for (const label of ['this build', ...BASELINE_DISTS.map((_, i) => `baseline${i ? i + 1 : ''}`)]) compareModes(all, label);
  for (const b of baseline) {
    const r = rows.find((x) => x.name === b.name.replace(/^baseline\d*/, 'this build'));
    if (!r) continue;
    const of = (k) => (b[k] > 0 ? (r[k] / b[k]).toFixed(2) : '-');
    console.log(`${r.name} / ${b.name.split(' ')[0]}: req/s ${of('req/s')}x, p99 ${of('p99')}x, connector CPU per request ${of('cpu ms/req')}x, PostgreSQL CPU per request ${of('pg ms/req')}x`);
  }
  console.log(`simulators (live mode): ${simulatorTotals.messages} messages, ${simulatorTotals.insights} insights lookups`);
  return all.some((r) => r.failed > 0) ? 1 : 0;
}

/** Sandbox against live for one build: what the simulator in the connector's process adds per OTP. */
function compareModes(all, label) {
  const row = (name) => all.find((r) => r.name === `${label} ${name}`);
  const sandbox = row('sandbox hook, format only');
  if (!sandbox) return;
  for (const name of ['live hook, format only', 'live hook, format only, status callbacks']) {
    const live = row(name);
    if (!live || !(live['cpu ms/req'] > 0)) continue;
    const extra = sandbox['cpu ms/req'] - live['cpu ms/req'];
    console.log(
      `${label}: sandbox hook, format only / ${name}: connector CPU per OTP ${(sandbox['cpu ms/req'] / live['cpu ms/req']).toFixed(2)}x (${extra >= 0 ? '+' : ''}${extra.toFixed(3)} ms), ` +
        `PostgreSQL ${(sandbox['pg ms/req'] / live['pg ms/req']).toFixed(2)}x`,
    );
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
