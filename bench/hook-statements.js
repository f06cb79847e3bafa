#!/usr/bin/env node
'use strict';
// Where PostgreSQL's work per OTP goes: the built connector (live mode, the simulator here at 0 ms)
// serves hook calls at a steady rate against a fresh database on a server that has
// pg_stat_statements loaded; after a warm-up the statistics are reset, STATEMENTS_SECONDS of calls
// run, and every statement the connector's database saw is printed per OTP: calls, execution time,
// rows, WAL records and bytes, buffers dirtied. Background work (sweeps, rollup, refusal reloads,
// NOTIFY listener) shows as statements whose calls per OTP are below 1. Also printed: the tables'
// inserts, updates and HOT updates per OTP, and the trigger functions' calls and time.
//
// The server needs `shared_preload_libraries = pg_stat_statements` (a throwaway cluster: the
// embedded PostgreSQL's binaries or the system's, started with `-c shared_preload_libraries=pg_stat_statements`,
// and `-c track_functions=all` for the trigger functions' table).
// Run after `npx nx run api:build`: `STATEMENTS_DATABASE_URL=postgres://postgres@127.0.0.1:55432/postgres node bench/hook-statements.js`.
// Env: STATEMENTS_DATABASE_URL (required), STATEMENTS_SECONDS (20), STATEMENTS_WARMUP_SECONDS (20),
// STATEMENTS_RATE (100 req/s), STATEMENTS_SCENARIO (`format`, `carrier` or `guard`), REDIS_URL, BENCH_DIST.
//
// With BENCH_BASELINE_DIST (another build, its packages found through NODE_PATH) both builds run at
// once, each with its own database, and take turns: STATEMENTS_ROUNDS (2) rounds of one SECONDS phase
// per build, the order alternating. Per phase and build: the CPU of the backends serving its
// database (schedstat), of its connector process, its statements' execution time and WAL, per OTP,
// and the ratio of this build (BENCH_DIST) to the baseline.

const { randomBytes } = require('crypto');
const { readFileSync } = require('fs');
const { loadavg } = require('os');
const { pacedHookLoad } = require('./support/paced-load');
const { Client } = require('pg');
const {
  CLOCK_TICKS,
  callFactory,
  cpuMs,
  createDatabase,
  createScreeningToken,
  guardScenarioPolicy,
  screeningInsights,
  spreadCallFactory,
  startInstance,
  startSimulator,
  stopInstance,
} = require('./support/live-connector');

const SERVER_URL = process.env.STATEMENTS_DATABASE_URL;
const SECONDS = Number(process.env.STATEMENTS_SECONDS || 20);
const WARMUP_SECONDS = Number(process.env.STATEMENTS_WARMUP_SECONDS || 20);
const RATE = Number(process.env.STATEMENTS_RATE || 100);
const SCENARIO = process.env.STATEMENTS_SCENARIO || 'format';
const DIST = process.env.BENCH_DIST || undefined;
const BASELINE_DIST = process.env.BENCH_BASELINE_DIST || undefined;
const ROUNDS = Number(process.env.STATEMENTS_ROUNDS || 2);
const RUN_ID = `statements-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;

/** The hook at an even RATE per second (paced-load.js). */
function loadOf(url, secret, seconds, nextCall) {
  return pacedHookLoad({ url, secret, seconds, rate: RATE, nextCall });
}

const per = (n, otps) => Math.round((Number(n) / otps) * 1000) / 1000;

async function report(admin, database, otps) {
  const statements = await admin.query(
    `SELECT s.query, s.calls, s.total_exec_time, s.rows, s.wal_records, s.wal_bytes, s.shared_blks_dirtied, s.shared_blks_hit + s.shared_blks_read AS blocks
       FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
      WHERE d.datname = $1
      ORDER BY s.total_exec_time DESC`,
    [database.name],
  );
  const total = statements.rows.reduce((sum, r) => sum + r.total_exec_time, 0);
  console.log(`${otps} OTPs; statements of the connector's database, per OTP (execution time is the server's, not the round trip):`);
  console.table(
    statements.rows.map((r) => ({
      statement: r.query.replace(/\s+/g, ' ').slice(0, 110),
      'calls/OTP': per(r.calls, otps),
      'exec µs/OTP': Math.round((r.total_exec_time * 1000) / otps),
      share: `${((100 * r.total_exec_time) / total).toFixed(1)} %`,
      'rows/OTP': per(r.rows, otps),
      'WAL rec/OTP': per(r.wal_records, otps),
      'WAL bytes/OTP': Math.round(Number(r.wal_bytes) / otps),
      'dirtied/OTP': per(r.shared_blks_dirtied, otps),
    })),
  );
  const calls = statements.rows.reduce((sum, r) => sum + Number(r.calls), 0);
  const wal = statements.rows.reduce((sum, r) => sum + Number(r.wal_bytes), 0);
  console.log(`total: ${per(calls, otps)} statements, ${Math.round((total * 1000) / otps)} µs executing, ${Math.round(wal / otps)} WAL bytes per OTP`);
}

async function tableReport(db, otps, before) {
  const { rows } = await db.query(
    `SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del, idx_scan, seq_scan FROM pg_stat_user_tables ORDER BY relname`,
  );
  const changed = rows
    .map((r) => {
      const b = before.get(r.relname) ?? {};
      const d = (k) => Number(r[k]) - Number(b[k] ?? 0);
      return { table: r.relname, 'ins/OTP': per(d('n_tup_ins'), otps), 'upd/OTP': per(d('n_tup_upd'), otps), 'HOT/OTP': per(d('n_tup_hot_upd'), otps), 'del/OTP': per(d('n_tup_del'), otps), 'idx scans/OTP': per(d('idx_scan'), otps), 'seq scans/OTP': per(d('seq_scan'), otps) };
    })
    .filter((r) => Object.entries(r).some(([k, v]) => k !== 'table' && v > 0));
  console.log('tables, per OTP:');
  console.table(changed);
  const functions = await db.query(`SELECT funcname, calls, total_time FROM pg_stat_user_functions ORDER BY total_time DESC`);
  if (functions.rows.length) {
    console.log('functions (triggers), per OTP (counted since the database was created):');
    console.table(functions.rows.map((f) => ({ function: f.funcname, 'calls/OTP': per(f.calls, otps), 'ms total': Math.round(f.total_time) })));
  }
}

async function tableCounters(db) {
  const { rows } = await db.query(`SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del, idx_scan, seq_scan FROM pg_stat_user_tables`);
  return new Map(rows.map((r) => [r.relname, r]));
}

/**
 * CPU of the server's processes by kind (client backends of the connector's database, the rest by
 * backend_type), and of exited children (autovacuum workers) from the postmaster's counters.
 * Meaningful on a server nobody else uses meanwhile (a throwaway cluster).
 */
async function serverCpu(admin, database) {
  const { rows } = await admin.query(
    `SELECT pid, backend_type, datname FROM pg_stat_activity WHERE pid <> pg_backend_pid()`,
  );
  const byKind = {};
  for (const r of rows) {
    const kind = r.backend_type === 'client backend' ? (r.datname === database.name ? 'connector backends' : 'other backends') : r.backend_type;
    byKind[kind] = (byKind[kind] ?? 0) + (cpuMs(r.pid) || 0);
  }
  const { rows: [{ pid }] } = await admin.query('SELECT pg_backend_pid() AS pid');
  const postmaster = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
  byKind.postmaster = cpuMs(postmaster);
  byKind['exited children'] = childrenCpuMs(postmaster);
  return byKind;
}

function childrenCpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS;
}

function cpuReport(before, after, otps) {
  const rows = Object.keys(after)
    .map((kind) => ({ process: kind, 'CPU µs/OTP': Math.round(((after[kind] - (before[kind] ?? 0)) * 1000) / otps) }))
    .filter((r) => r['CPU µs/OTP'] !== 0);
  const total = rows.filter((r) => r.process !== 'other backends').reduce((sum, r) => sum + r['CPU µs/OTP'], 0);
  console.log(`server CPU per OTP by process (other backends excluded from the total): ${total} µs`);
  console.table(rows);
}

/** On-CPU ms of the backends serving `database` now (from /proc/<pid>/schedstat, ns resolution), by pid. */
async function backendCpu(admin, database) {
  const { rows } = await admin.query(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend'`, [database.name]);
  const byPid = new Map();
  for (const { pid } of rows) {
    try {
      byPid.set(pid, Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6);
    } catch {
      // exited meanwhile
    }
  }
  return byPid;
}

async function statementTotals(admin, database) {
  const { rows: [r] } = await admin.query(
    `SELECT coalesce(sum(s.calls), 0) AS calls, coalesce(sum(s.total_exec_time), 0) AS exec, coalesce(sum(s.wal_records), 0) AS wal_records, coalesce(sum(s.wal_bytes), 0) AS wal_bytes
       FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = $1`,
    [database.name],
  );
  return { calls: Number(r.calls), exec: Number(r.exec), walRecords: Number(r.wal_records), walBytes: Number(r.wal_bytes) };
}

async function startBuild(label, dist) {
  const database = await createDatabase(SERVER_URL, 'otc_statements');
  const instance = await startInstance(`statements-${label.replace(/\W+/g, '-')}`, { ...simulatorEnv, DATABASE_URL: database.url }, { dist }).catch(async (error) => {
    await database.drop();
    throw error;
  });
  const db = new Client({ connectionString: database.url });
  await db.connect();
  const guard = SCENARIO === 'guard';
  const changes = { insights: screeningInsights(SCENARIO === 'carrier'), ...(guard ? { fraudGuard: guardScenarioPolicy() } : {}) };
  const secret = createScreeningToken(instance, `${RUN_ID}-${label.replace(/\W+/g, '-')}`, changes, { dist });
  const nextCall = guard ? spreadCallFactory(`${RUN_ID}-${label}`) : callFactory(`${RUN_ID}-${label}`);
  return { label, dist, database, instance, db, secret, nextCall, phases: [], otps: 0 };
}

/** One measured phase of a build: SECONDS of calls; its backends' and its process's CPU, its statements. */
async function phase(admin, build) {
  const [cpuBefore, totalsBefore, connectorBefore] = [await backendCpu(admin, build.database), await statementTotals(admin, build.database), cpuMs(build.instance.pid)];
  const load = loadavg()[0];
  const result = await loadOf(build.instance.url, build.secret, SECONDS, build.nextCall);
  const [cpuAfter, connectorAfter] = [await backendCpu(admin, build.database), cpuMs(build.instance.pid)];
  await new Promise((resolve) => setTimeout(resolve, 1500)); // statistics reach the shared views when a backend goes idle
  const totalsAfter = await statementTotals(admin, build.database);
  let backends = 0;
  for (const [pid, after] of cpuAfter) backends += after - (cpuBefore.get(pid) ?? after);
  const otps = result.total;
  build.otps += otps;
  build.phases.push({
    load,
    otps,
    failed: result.non2xx + result.errors,
    backendUs: (backends * 1000) / otps,
    connectorUs: ((connectorAfter - connectorBefore) * 1000) / otps,
    execUs: ((totalsAfter.exec - totalsBefore.exec) * 1000) / otps,
    statements: (totalsAfter.calls - totalsBefore.calls) / otps,
    walRecords: (totalsAfter.walRecords - totalsBefore.walRecords) / otps,
    walBytes: (totalsAfter.walBytes - totalsBefore.walBytes) / otps,
  });
}

function comparison(builds) {
  const [mine, base] = builds;
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const rows = [];
  for (const key of ['backendUs', 'connectorUs', 'execUs', 'statements', 'walRecords', 'walBytes']) {
    const ratios = mine.phases.map((p, i) => p[key] / base.phases[i][key]);
    rows.push({
      'per OTP': { backendUs: 'PostgreSQL CPU, connector backends, µs', connectorUs: 'connector process CPU, µs', execUs: 'statements executing, µs', statements: 'statements', walRecords: 'WAL records', walBytes: 'WAL bytes' }[key],
      [mine.label]: mine.phases.map((p) => Math.round(p[key] * 100) / 100).join(' / '),
      [base.label]: base.phases.map((p) => Math.round(p[key] * 100) / 100).join(' / '),
      'ratio per round': ratios.map((r) => `${r.toFixed(2)}x`).join(' '),
      median: `${median(ratios).toFixed(2)}x`,
    });
  }
  console.log(`${mine.label} against ${base.label}, alternating phases of ${SECONDS} s (OTPs per phase ${mine.phases.map((p) => p.otps).join('/')} and ${base.phases.map((p) => p.otps).join('/')}; failed ${mine.phases.reduce((s, p) => s + p.failed, 0)} and ${base.phases.reduce((s, p) => s + p.failed, 0)}; load average ${mine.phases.map((p) => p.load.toFixed(1)).join(' ')}):`);
  console.table(rows);
}

let simulatorEnv;

async function main() {
  if (!SERVER_URL) throw new Error('STATEMENTS_DATABASE_URL: a server with pg_stat_statements in shared_preload_libraries');
  const admin = new Client({ connectionString: SERVER_URL });
  await admin.connect();
  const loaded = await admin.query(`SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements'`);
  if (loaded.rows.length === 0) await admin.query('CREATE EXTENSION pg_stat_statements');
  const { simulator, env } = await startSimulator(0);
  simulatorEnv = env;
  const builds = [];
  try {
    builds.push(await startBuild(BASELINE_DIST ? 'this build' : 'build', DIST));
    if (BASELINE_DIST) builds.push(await startBuild('baseline', BASELINE_DIST));
    for (const build of builds) await loadOf(build.instance.url, build.secret, WARMUP_SECONDS, build.nextCall);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await admin.query('SELECT pg_stat_statements_reset()');
    const before = new Map();
    for (const build of builds) {
      await build.db.query('SELECT pg_stat_reset()');
      before.set(build, await tableCounters(build.db));
    }
    const sent = simulator.messages.length;
    const cpuBefore = await serverCpu(admin, builds[0].database);
    // One build alone: one phase. Two: ROUNDS rounds, each build once per round, the order alternating.
    for (let round = 0; round < (BASELINE_DIST ? ROUNDS : 1); round++) {
      for (const build of round % 2 ? [...builds].reverse() : builds) await phase(admin, build);
    }
    const cpuAfter = await serverCpu(admin, builds[0].database);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const otps = builds.reduce((sum, b) => sum + b.otps, 0);
    console.log(
      `Hook statements: ${SCENARIO} scenario, ${SECONDS} s at ${RATE} req/s after ${WARMUP_SECONDS} s warm-up, ` +
        `${builds.reduce((sum, b) => sum + b.phases.reduce((s, p) => s + p.failed, 0), 0)} failed, ${simulator.messages.length - sent} messages sent`,
    );
    for (const build of builds) {
      console.log(`\n== ${build.label} (${build.dist ?? 'dist/apps/api'}) ==`);
      await report(admin, build.database, build.otps);
      await tableReport(build.db, build.otps, before.get(build));
    }
    if (BASELINE_DIST) {
      console.log('');
      comparison(builds);
    } else {
      cpuReport(cpuBefore, cpuAfter, otps);
      const [p] = builds[0].phases;
      console.log(`connector backends (schedstat): ${Math.round(p.backendUs)} µs per OTP; connector process: ${Math.round(p.connectorUs)} µs per OTP`);
    }
  } finally {
    for (const build of builds) {
      await build.db.end().catch(() => undefined);
      const problem = await stopInstance(build.instance);
      if (problem) console.error(problem);
      await build.database.drop();
    }
    await simulator.close();
    await admin.end();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
