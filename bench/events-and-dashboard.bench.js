#!/usr/bin/env node
'use strict';
// Event-hook ingestion rate and dashboard latency over a large history (default 10,000,000 attempts).
// Each figure comes with a baseline measured in the same run: the bare endpoint (`/health/live`, the
// event hook's GET challenge) for latencies, the query shapes this build replaced for the dashboard's
// SQL, and optionally another build (BENCH_BASELINE_DIST) for ingestion. Absolute figures move with
// the machine's load (printed beside them); compare ratios.
//
// Run after `npx nx run api:build`: `node bench/events-and-dashboard.bench.js` (`npx nx run bench:events`).
// Env:
//   BENCH_DATABASE_URL   PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres)
//   BENCH_ROWS           attempts in the history (10,000,000); BENCH_AUTH_EVENTS Okta events beside them (BENCH_ROWS / 2)
//   BENCH_KEEP_DB        a database name: created and filled on first use, kept and reused by later runs
//                        (generation takes minutes); without it a fresh database is made and dropped
//   BENCH_SAMPLES        requests per dashboard read (100)
//   BENCH_DELIVERIES     Okta deliveries of 100 events each (400); BENCH_CONCURRENCY deliveries in flight (8)
//   BENCH_DIST           the build measured as "this build" (default dist/apps/api), e.g. a copy of main's
//   BENCH_BASELINE_DIST  another build's dist/apps/api: its dashboard reads are measured on a copy of the
//                        history (its rollup folded by its own code), taking turns with this build's, and its
//                        ingestion on a fresh database, right next to this build's on another fresh one
//   BENCH_PREFOLD        1: when the build's own rollup cannot catch up with the history (the replaced one
//                        could not: each fold was cut off by the 1.5 s statement timeout), fold it from here
//                        in day-sized statements with the build's SQL, as hour-by-hour folding over months would have
//   BENCH_ROLLUP_WAIT_S  how long to wait for the build's own rollup to catch up (900)
//   BENCH_PAIRS          with BENCH_BASELINE_DIST: how many times each build's ingestion is measured (1),
//                        alternating which goes first; the ratios are of the medians
//   BENCH_CPU_PROF_DIR   with BENCH_BASELINE_DIST: this build's fresh instances run with --cpu-prof into it
//   BENCH_NODE_ARGS      with BENCH_BASELINE_DIST: Node options for this build's fresh instances (e.g. V8 heap sizes)
//   BENCH_SOCKET_DIR     with BENCH_BASELINE_DIST: this build's fresh instances reach their database through the
//                        server's Unix socket in this directory (DATABASE_URL ...?host=DIR), the baseline's over TCP
//   BENCH_THIS_ENV       with BENCH_BASELINE_DIST: space-separated NAME=value settings for this build's fresh
//                        instances only (e.g. EVENT_DELIVERY_RETENTION_DAYS=0)
//   BENCH_DB_PREFIX      prefix of the databases it creates (otc)
//   BENCH_READS          a regular expression: only the dashboard reads whose names match it (e.g. 'spend|fraud')
//   BENCH_SKIP           comma-separated phases to skip: dashboard, shapes, writes, ingestion,
//                        history-ingestion (this build's ingestion on the history database)
//   Ingestion alone on a small fresh database: BENCH_ROWS=20000 BENCH_SKIP=dashboard,shapes,writes,history-ingestion
// The connector runs in its own process in live mode against the Vonage simulator in this process
// (bench/support/live-connector.js), with HOOK_THROTTLE_PER_SECOND raised: the benchmark measures
// capacity, and the default per-token ceiling (50 deliveries/s) would cap one token at 5,000 events/s.

const { execFileSync } = require('child_process');
const { randomUUID } = require('crypto');
const { mkdtempSync, readFileSync, rmSync, writeFileSync } = require('fs');
const { loadavg, tmpdir } = require('os');
const { join } = require('path');
const { Client } = require('pg');
const { DataSource } = require('typeorm');
const { cpuMs, createDatabase, sleep, startInstance, startSimulator, stopInstance } = require('./support/live-connector');
const { topUpHistory, writeHistory, TOKEN_SHARES } = require('./support/activity-history');
const { QUERY_SHAPES, shapeContext } = require('./support/dashboard-query-shapes');
const { EVENTS_PER_DELIVERY, SIGN_INS_PER_DELIVERY, oktaDelivery, userOf } = require('./support/okta-deliveries');

const root = join(__dirname, '..');
const DIST = process.env.BENCH_DIST || join(root, 'dist/apps/api');
const { defaultPolicy } = require(join(root, 'dist/libs/contracts/index.js'));

const SERVER_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const ROWS = Number(process.env.BENCH_ROWS || 10_000_000);
const AUTH_EVENTS = Number(process.env.BENCH_AUTH_EVENTS || Math.round(ROWS / 2));
const KEEP_DB = process.env.BENCH_KEEP_DB || null;
const SAMPLES = Number(process.env.BENCH_SAMPLES || 100);
const DELIVERIES = Number(process.env.BENCH_DELIVERIES || 400);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY || 8);
const BASELINE_DIST = process.env.BENCH_BASELINE_DIST || null;
const SKIP = new Set((process.env.BENCH_SKIP || '').split(',').filter(Boolean));
const PREFOLD = process.env.BENCH_PREFOLD === '1';
const ROLLUP_WAIT_MS = Number(process.env.BENCH_ROLLUP_WAIT_S || 900) * 1000;
const PAIRS = Number(process.env.BENCH_PAIRS || 1);
const READS = process.env.BENCH_READS ? new RegExp(process.env.BENCH_READS) : null;
const PROFILE_DIR = process.env.BENCH_CPU_PROF_DIR || null;
const NODE_ARGS = (process.env.BENCH_NODE_ARGS || '').split(' ').filter(Boolean);
const SOCKET_DIR = process.env.BENCH_SOCKET_DIR || null;
const THIS_ENV = Object.fromEntries((process.env.BENCH_THIS_ENV || '').split(' ').filter(Boolean).map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
const DB_PREFIX = process.env.BENCH_DB_PREFIX || 'otc';
const TELEPHONY = JSON.parse(readFileSync(join(root, 'apps/api/test/fixtures/okta/telephony-request-pre-enrollment.okta-legacy-reference.json'), 'utf8'));

const log = (text) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${text}`);
const round = (n, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const load = () => loadavg().map((l) => round(l, 1)).join(' ');

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** `pauseMs` between samples, not timed. */
async function timeEach(count, fn, pauseMs = 0) {
  const times = [];
  for (let i = 0; i < count; i++) {
    const started = process.hrtime.bigint();
    await fn(i);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (pauseMs) await sleep(pauseMs);
  }
  return { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)) };
}

async function withClient(url, fn) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Database, tokens, history

async function benchDatabase() {
  if (!KEEP_DB) return { ...(await createDatabase(SERVER_URL, `${DB_PREFIX}_events`)), reused: false };
  if (!/^[a-z_][a-z0-9_]*$/.test(KEEP_DB)) throw new Error('BENCH_KEEP_DB must be a plain database name');
  const exists = await withClient(SERVER_URL, async (admin) => {
    const found = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [KEEP_DB])).rowCount > 0;
    if (!found) await admin.query(`CREATE DATABASE ${KEEP_DB}`);
    return found;
  });
  const url = new URL(SERVER_URL);
  url.pathname = `/${KEEP_DB}`;
  return { name: KEEP_DB, url: url.toString(), reused: exists, drop: async () => undefined };
}

async function migrate(url, dist) {
  const { MIGRATIONS } = require(join(dist, 'database/migrations/index.js'));
  const dataSource = new DataSource({ type: 'postgres', url, migrations: MIGRATIONS });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
}

/** A token created through the CLI of `dist` (the real path: policy validation, secret hashing). */
function createToken(dist, env, name, changes = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'otc-bench-cli-'));
  try {
    const policyFile = join(dataDir, 'policy.json');
    const policy = { ...defaultPolicy(), rateLimit: { enabled: false, maxPerWindow: 5 }, fraudGuard: { mode: 'OFF', thresholds: {} }, ...changes };
    writeFileSync(policyFile, JSON.stringify(policy));
    const out = execFileSync(process.execPath, [join(dist, 'cli.js'), 'token', 'create', '--name', name, '--policy-file', policyFile, '--json'], {
      env: { ...process.env, ...env, DATA_DIR: dataDir, LOG_LEVEL: 'error' },
      encoding: 'utf8',
    });
    return JSON.parse(out);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function historyTokens(db, env) {
  const { rows } = await db.query(`SELECT id, name FROM token WHERE name LIKE 'history-%' ORDER BY name`);
  if (rows.length === TOKEN_SHARES.length) return rows.map((r) => r.id);
  return TOKEN_SHARES.map((_, i) => createToken(DIST, env, `history-${i}`).id);
}

async function prepareHistory(database, env, report) {
  const started = Date.now();
  await migrate(database.url, DIST);
  report.migrationSeconds = round((Date.now() - started) / 1000, 1);
  log(`migrations took ${report.migrationSeconds} s`);
  return withClient(database.url, async (db) => {
    const env2 = { ...env, DATABASE_URL: database.url };
    const tokenIds = await historyTokens(db, env2);
    const { rows } = await db.query('SELECT count(*)::bigint AS n FROM otp_activity');
    if (Number(rows[0].n) < ROWS * 0.99) {
      log(`writing ${ROWS.toLocaleString('en')} attempts and ${AUTH_EVENTS.toLocaleString('en')} events over 90 days`);
      const started = Date.now();
      await writeHistory(db, { tokenIds, activityRows: ROWS, authEventRows: AUTH_EVENTS, log });
      log(`history written in ${round((Date.now() - started) / 1000, 0)} s`);
    } else {
      log(`reusing ${Number(rows[0].n).toLocaleString('en')} attempts in ${database.name} (their timestamps are as old as the database)`);
    }
    return tokenIds;
  });
}

/**
 * Whether the rollup answers up to the last day (the replaced one) or the last hour or two (this one);
 * with `days`, and the daily rollups too where the database has them, up to the last day whose hours
 * are all final (not for another build's copy: an older build never writes them).
 */
async function rollupCaughtUp(db, days = true) {
  const { rows } = await db.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'activity_rollup_state'`);
  const names = rows.map((r) => r.column_name);
  const daysToo = days && names.includes('daily_until') ? ` AND daily_until >= now() - interval '50 hours'` : '';
  const sql = names.includes('provisional_until')
    ? `SELECT 1 FROM activity_rollup_state WHERE provisional_until >= now() - interval '2 hours'${daysToo}`
    : `SELECT 1 FROM activity_rollup_state WHERE rolled_until >= now() - interval '26 hours'`;
  return { legacy: !names.includes('provisional_until'), done: (await db.query(sql)).rowCount > 0 };
}

/** The job worker folds the history into the rollup on its first runs after start; waits for it (at most `limitMs`). */
async function waitForRollup(url, limitMs) {
  const started = Date.now();
  return withClient(url, async (db) => {
    for (;;) {
      if ((await rollupCaughtUp(db)).done) return round((Date.now() - started) / 1000, 1);
      if (Date.now() - started > limitMs) return null;
      await sleep(250);
    }
  });
}

/** The replaced rollup's fold (its SQL from `dist`), a day per statement and without the app's statement timeout. */
async function prefoldLegacyRollup(url, dist) {
  const { ACTIVITY_COUNTS } = require(join(dist, 'delivery/activity-counts.repository.js'));
  return withClient(url, async (db) => {
    const until = new Date(Math.floor((Date.now() - 24 * 3600_000) / 3600_000) * 3600_000);
    await db.query(`INSERT INTO activity_rollup_state (id, rolled_until) SELECT 1, date_trunc('hour', min(created_at), 'UTC') FROM otp_activity ON CONFLICT (id) DO NOTHING`);
    const [{ rolled_until: rolled }] = (await db.query('SELECT rolled_until FROM activity_rollup_state WHERE id = 1')).rows;
    for (let from = new Date(rolled); from < until; ) {
      const to = new Date(Math.min(until.getTime(), from.getTime() + 24 * 3600_000));
      await db.query(
        `INSERT INTO activity_hourly (bucket, channel, outcome, total, sent, converted)
         SELECT date_trunc('hour', created_at, 'UTC'), channel, ${ACTIVITY_COUNTS} FROM otp_activity WHERE created_at >= $1 AND created_at < $2 GROUP BY 1, 2, 3
         ON CONFLICT (bucket, channel, outcome) DO UPDATE SET total = activity_hourly.total + EXCLUDED.total,
           sent = activity_hourly.sent + EXCLUDED.sent, converted = activity_hourly.converted + EXCLUDED.converted`,
        [from, to],
      );
      await db.query('UPDATE activity_rollup_state SET rolled_until = $1 WHERE id = 1', [to]);
      from = to;
    }
  });
}

/**
 * The history for the baseline build's dashboard reads: a copy of the database (CREATE DATABASE ...
 * TEMPLATE, nothing connected to it), its rollups emptied and folded again by the baseline's own code,
 * run back to back until it has caught up, so each build reads the rollup it keeps (a shared one would
 * hand the older build the newer one's watermark). Dropped at the end.
 */
async function baselineHistoryCopy(database, dist) {
  const name = `${database.name}_baseline`.slice(0, 63);
  await withClient(SERVER_URL, async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    // From PostgreSQL 15 a copy goes through the WAL block by block unless told otherwise: gigabytes of WAL.
    const { server_version_num: version } = (await admin.query('SHOW server_version_num')).rows[0];
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${database.name}${Number(version) >= 150000 ? ' STRATEGY = FILE_COPY' : ''}`);
  });
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const copy = { name, url: url.toString(), drop: () => withClient(SERVER_URL, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)) };
  await withClient(copy.url, (db) => db.query('DELETE FROM activity_hourly; DELETE FROM activity_usage_hourly; DELETE FROM activity_rollup_state'));
  const { ActivityRollupRepository } = require(join(dist, 'delivery/activity-rollup.repository.js'));
  const dataSource = await new DataSource({ type: 'postgres', url: copy.url }).initialize();
  try {
    const rollup = new ActivityRollupRepository(dataSource);
    while (!(await withClient(copy.url, (db) => rollupCaughtUp(db, false))).done) await rollup.rollUp(new Date());
  } finally {
    await dataSource.destroy();
  }
  return copy;
}

// ---------------------------------------------------------------------------------------------
// Dashboard reads

async function adminClient(instance) {
  const login = await fetch(`${instance.url}/v1/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ apiKey: instance.env.VONAGE_API_KEY, apiSecret: instance.env.VONAGE_API_SECRET }),
  });
  if (login.status !== 200) throw new Error(`admin login answered ${login.status}`);
  const { accessToken } = await login.json();
  const headers = { authorization: `Bearer ${accessToken}` };
  return {
    async get(path) {
      const response = await fetch(`${instance.url}${path}`, { headers });
      if (response.status !== 200) throw Object.assign(new Error(`${path} answered ${response.status}: ${(await response.text()).slice(0, 200)}`), { status: response.status });
      return response.json();
    },
    /**
     * Time until a streamed answer's first rows arrive (the CSV export starting: the header line and
     * at least one row), then hang up and give the server a moment to drop the batch it read ahead.
     */
    async firstRows(path) {
      const response = await fetch(`${instance.url}${path}`, { headers });
      if (response.status !== 200) throw Object.assign(new Error(`${path} answered ${response.status}`), { status: response.status });
      const reader = response.body.getReader();
      let text = '';
      while (text.split('\r\n').length < 3) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`${path} sent no rows`);
        text += Buffer.from(value).toString('utf8');
      }
      await reader.cancel();
    },
  };
}

const cursorAt = (at) => Buffer.from(`${at}|ffffffff-ffff-4fff-bfff-ffffffffffff`, 'utf8').toString('base64url');

/**
 * Every read the admin app makes on its pages (dashboard, spend, activity, auth events, audit, tokens,
 * fraud), as [name, path, kind ('stream': time to the first CSV rows), path for the baseline build when
 * it has no such read]. `/v1/sandbox/messages` is sandbox mode's alone (the simulator's memory, no table).
 */
async function dashboardReads(admin, tokenIds, searchedNumber) {
  const now = Date.now();
  const iso = (msAgo) => new Date(now - msAgo).toISOString();
  const day = 86_400_000;
  const period = (days) => `from=${encodeURIComponent(iso(days * day))}&to=${encodeURIComponent(iso(0))}`;
  const page1 = await admin.get('/v1/admin/activity?limit=50');
  const okta1 = await admin.get('/v1/admin/auth-events?limit=50&kind=okta');
  // A page of refusals ({ items, nextCursor }); a build before paging answers the whole list (an array).
  const recent1 = await admin.get('/v1/admin/fraud/refusals?view=RECENT');
  const recentNext = Array.isArray(recent1) ? null : recent1.nextCursor;
  const q = encodeURIComponent;
  const big = tokenIds[0];
  const small = tokenIds[tokenIds.length - 1];
  return [
    ['dashboard 24h', '/v1/admin/dashboard?period=24h'],
    ['dashboard 7d', '/v1/admin/dashboard?period=7d'],
    ['dashboard 30d', '/v1/admin/dashboard?period=30d'],
    ['activity, first page', '/v1/admin/activity?limit=50'],
    ['activity, next page (cursor)', `/v1/admin/activity?limit=50&cursor=${page1.nextCursor}`],
    ['activity, page 45 days back (cursor)', `/v1/admin/activity?limit=50&cursor=${cursorAt(iso(45 * day))}`],
    ['activity, counter link: SMS failed, 24h', `/v1/admin/activity?limit=50&channel=SMS&outcome=DELIVERY_FAILED&${period(1)}`],
    ['activity, counter link: voice blocked, 30d', `/v1/admin/activity?limit=50&channel=VOICE&outcome=REFUSED_POLICY,REFUSED_FRAUD_GUARD,BLOCKED_BY_VONAGE&${period(30)}`],
    ['activity, counter link: pending, 30d (none)', `/v1/admin/activity?limit=50&channel=SMS&outcome=PENDING&${period(30)}`],
    ['activity, outcome filter: refused by fraud guard', '/v1/admin/activity?limit=50&outcome=REFUSED_FRAUD_GUARD'],
    ['activity, token filter: smallest token', `/v1/admin/activity?limit=50&tokenId=${small}`],
    ['activity, search: phone number', `/v1/admin/activity?limit=50&q=${q(searchedNumber)}`],
    ['activity, search: Okta user id', `/v1/admin/activity?limit=50&q=00u${'123457'.padStart(17, '0')}`],
    ['activity, search: login', `/v1/admin/activity?limit=50&q=${q('User123457@example.com')}`],
    ['activity, search: unknown user', `/v1/admin/activity?limit=50&q=nobody%40example.com`],
    ['auth events (Okta)', '/v1/admin/auth-events?limit=50&kind=okta'],
    ['auth events (Okta), next page', `/v1/admin/auth-events?limit=50&kind=okta&cursor=${okta1.nextCursor}`],
    ['auth events (conversions)', '/v1/admin/auth-events?limit=50&kind=conversion'],
    ['audit log', '/v1/admin/audit?limit=50'],
    ['spend 24h', '/v1/admin/spend?period=24h'],
    ['spend 7d', '/v1/admin/spend?period=7d'],
    ['spend 30d', '/v1/admin/spend?period=30d'],
    ['spend 30d, largest token (token page)', `/v1/admin/spend?period=30d&tokenId=${big}`],
    ['spend 30d, smallest token (token page)', `/v1/admin/spend?period=30d&tokenId=${small}`],
    ['CSV export, first rows', '/v1/admin/activity/export', 'stream'],
    ['CSV export 24h SMS failed, first rows', `/v1/admin/activity/export?channel=SMS&outcome=DELIVERY_FAILED&${period(1)}`, 'stream'],
    ['token list', '/v1/admin/tokens'],
    ['token detail', `/v1/admin/tokens/${big}`],
    ['token stats 30d, largest token', `/v1/admin/tokens/${big}/stats?period=30d`],
    ['token stats 30d, smallest token', `/v1/admin/tokens/${small}/stats?period=30d`],
    ['fraud refusals, active', '/v1/admin/fraud/refusals?view=ACTIVE'],
    ['fraud refusals, active, smallest token', `/v1/admin/fraud/refusals?view=ACTIVE&tokenId=${small}`],
    ['fraud refusals, recent', '/v1/admin/fraud/refusals?view=RECENT'],
    ...(recentNext ? [['fraud refusals, recent, next page', `/v1/admin/fraud/refusals?view=RECENT&cursor=${recentNext}`, null, '/v1/admin/fraud/refusals?view=RECENT']] : []),
    ['fraud refusals, recent, smallest token', `/v1/admin/fraud/refusals?view=RECENT&tokenId=${small}`],
    ['fraud SHADOW findings', '/v1/admin/fraud/shadow'],
    ['fraud SHADOW findings, smallest token', `/v1/admin/fraud/shadow?tokenId=${small}`],
    ['fraud trusted list', '/v1/admin/fraud/trusted'],
    ['fraud conversion by place 24h', '/v1/admin/fraud/conversion?period=24h'],
    ['fraud conversion by place 7d', '/v1/admin/fraud/conversion?period=7d'],
    ['fraud conversion by place 30d', '/v1/admin/fraud/conversion?period=30d'],
    ['fraud conversion by place 30d, smallest token', `/v1/admin/fraud/conversion?period=30d&tokenId=${small}`],
  ];
}

/**
 * Each read SAMPLES times per build: in blocks of a tenth of them, the builds taking turns (and turns about
 * which goes first), so load from elsewhere hits each alike. A read that fails (a 503 after the statement
 * timeout) is counted and timed too. CPU per read: the connector's process, and PostgreSQL's backends
 * serving its database (each build has its own: `builds` are { label, instance, database }).
 */
async function measureDashboard(builds, tokenIds, searchedNumber) {
  const clients = await Promise.all(builds.map(async (b) => ({ ...b, admin: await adminClient(b.instance) })));
  const reads = (await dashboardReads(clients[0].admin, tokenIds, searchedNumber)).filter(([name]) => !READS || READS.test(name));
  const blocks = Math.min(10, SAMPLES);
  return withClient(SERVER_URL, async (db) => {
    const health = {};
    for (const c of clients) health[c.label] = await timeEach(SAMPLES, () => fetch(`${c.instance.url}/health/live`).then((r) => r.arrayBuffer()));
    const results = {};
    for (const [name, thisPath, kind, baselinePath] of reads) {
      const per = {};
      for (const c of clients) {
        const statuses = {};
        const path = c.label === 'baseline build' && baselinePath ? baselinePath : thisPath;
        const read = () => (kind === 'stream' ? c.admin.firstRows(path) : c.admin.get(path)).catch((error) => {
          if (!error.status) throw error;
          statuses[error.status] = (statuses[error.status] ?? 0) + 1;
        });
        await read(); // warm
        for (const key of Object.keys(statuses)) delete statuses[key];
        per[c.label] = { read, statuses, times: [], connectorCpu: 0, postgresCpu: 0 };
      }
      for (let block = 0; block < blocks; block++) {
        for (const c of block % 2 === 0 ? clients : [...clients].reverse()) {
          const mine = per[c.label];
          const pids = await backendPids(db, c.database.name);
          const [cpu, pg] = [cpuMs(c.instance.pid), sumCpu(pids)];
          for (let i = 0; i < SAMPLES / blocks; i++) {
            const started = process.hrtime.bigint();
            await mine.read();
            mine.times.push(Number(process.hrtime.bigint() - started) / 1e6);
            // A cancelled export's read-ahead batch would otherwise land on the next sample.
            if (kind === 'stream') await sleep(150);
          }
          mine.connectorCpu += cpuMs(c.instance.pid) - cpu;
          mine.postgresCpu += sumCpu(pids) - pg;
        }
      }
      results[name] = { load: load() };
      for (const c of clients) {
        const mine = per[c.label];
        const samples = mine.times.length;
        results[name][c.label] = {
          p50: round(percentile(mine.times, 50)),
          p95: round(percentile(mine.times, 95)),
          cpuMsPerRead: { connector: round(mine.connectorCpu / samples), postgres: round(mine.postgresCpu / samples) },
          ...(Object.keys(mine.statuses).length ? { failed: mine.statuses } : {}),
        };
      }
      if (clients.length === 2) {
        const [a, b] = clients.map((c) => results[name][c.label]);
        results[name].ratio = { p95: round(a.p95 / b.p95), p50: round(a.p50 / b.p50), cpu: round((a.cpuMsPerRead.connector + a.cpuMsPerRead.postgres) / (b.cpuMsPerRead.connector + b.cpuMsPerRead.postgres)) };
      }
      log(`${name}: ${clients.map((c) => `${c.label} p50 ${results[name][c.label].p50} ms, p95 ${results[name][c.label].p95} ms, cpu ${JSON.stringify(results[name][c.label].cpuMsPerRead)}`).join('; ')} (load ${load()})`);
    }
    return { baselineHealthLive: health, reads: results };
  });
}

/** Each replaced read against this build's, alternately on the same data, median of each. */
async function measureShapes(url, tokenIds) {
  const clients = [new Client({ connectionString: url }), new Client({ connectionString: url })];
  await Promise.all(clients.map((c) => c.connect()));
  const ctx = { ...(await shapeContext(DIST, url, clients)), tokenIds };
  try {
    const results = {};
    for (const shape of QUERY_SHAPES) {
      const times = { before: [], after: [] };
      await shape.before(ctx);
      await shape.after(ctx);
      for (let i = 0; i < 15; i++) {
        for (const side of i % 2 === 0 ? ['before', 'after'] : ['after', 'before']) {
          const started = process.hrtime.bigint();
          await shape[side](ctx);
          times[side].push(Number(process.hrtime.bigint() - started) / 1e6);
        }
      }
      const before = percentile(times.before, 50);
      const after = percentile(times.after, 50);
      results[shape.name] = { beforeMs: round(before), afterMs: round(after), ratio: round(after / before, 3), load: load() };
      log(`shape ${shape.name}: ${round(before)} -> ${round(after)} ms (${round(after / before, 3)}x, load ${load()})`);
    }
    // The intake shape's sign-ins have no sends: nothing for the worker to match.
    await clients[0].query(`UPDATE conversion_job SET status = 'DONE' WHERE status = 'PENDING'`);
    return results;
  } finally {
    await ctx.dataSource.destroy();
    await Promise.all(clients.map((c) => c.end()));
  }
}

/**
 * What one more partial index on otp_activity costs the telephony hook's two writes (the claim's
 * insert and the completion's update, which is never HOT): 20,000 of each in one server-side loop,
 * on a copy of the table's definition with and without the index, alternately; median of 3 each.
 */
async function measureWriteCost(url) {
  return withClient(url, async (db) => {
    const { rows } = await db.query(`SELECT indexdef FROM pg_indexes WHERE tablename = 'otp_activity' AND indexname = 'ix_otp_activity_shadow_created'`);
    if (!rows[0]) return null;
    await db.query('DROP TABLE IF EXISTS bench_write_cost');
    await db.query('CREATE TABLE bench_write_cost (LIKE otp_activity INCLUDING ALL)');
    const [token] = (await db.query('SELECT id FROM token LIMIT 1')).rows;
    const loop = `DO $$ DECLARE i int; new_id uuid; BEGIN FOR i IN 1..20000 LOOP
        INSERT INTO bench_write_cost (created_at, token_id, okta_event_id, okta_user_id, channel, destination_masked, destination_hash, status, reason_code, description, flags, facts)
        VALUES (now(), '${token.id}', 'w-' || i || '-' || clock_timestamp(), '00uwrite', 'SMS', '+44*******000', md5(i::text) || md5(i::text), 'PENDING', 'DELIVERED', '', '[]', '{}')
        RETURNING id INTO new_id;
        UPDATE bench_write_cost SET status = 'SUCCESS', verify_request_id = md5(i::text), delivery_state = 'PENDING',
               flags = '[{"code": "INSIGHTS_UNAVAILABLE", "detail": "timeout"}]', description = 'Sent through Vonage Verify.' WHERE id = new_id;
      END LOOP; END $$`;
    const shadowIndex = rows[0].indexdef.replace('ix_otp_activity_shadow_created', 'bench_write_cost_shadow').replace(/ON (public\.)?otp_activity/, 'ON bench_write_cost');
    const times = { with: [], without: [] };
    for (let i = 0; i < 6; i++) {
      const side = i % 2 === 0 ? 'with' : 'without';
      await db.query('TRUNCATE bench_write_cost');
      await db.query('DROP INDEX IF EXISTS bench_write_cost_shadow');
      if (side === 'with') await db.query(shadowIndex);
      const started = process.hrtime.bigint();
      await db.query(loop);
      times[side].push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    await db.query('DROP TABLE bench_write_cost');
    const per = (side) => (percentile(times[side], 50) / 20_000) * 1000;
    const result = { microsecondsPerInsertAndUpdate: { withShadowIndex: round(per('with')), without: round(per('without')) }, ratio: round(per('with') / per('without'), 3), load: load() };
    log(`writes: ${JSON.stringify(result)}`);
    return result;
  });
}

// ---------------------------------------------------------------------------------------------
// Ingestion

function telephonyCall(run, n) {
  const body = structuredClone(TELEPHONY);
  body.eventId = `${run}-send-${n}`;
  body.eventTime = new Date().toISOString();
  body.data.userProfile.userId = userOf(run, n);
  body.data.userProfile.login = `${userOf(run, n)}@example.com`;
  body.data.messageProfile.phoneNumber = `+447400${String(Math.floor((n % 100000) / 1000)).padStart(2, '0')}1${String(n % 1000).padStart(3, '0')}`;
  body.data.messageProfile.otpCode = String(100000 + (n % 900000));
  body.data.messageProfile.otpExpires = new Date(Date.now() + 10 * 60_000).toISOString();
  return body;
}

async function inParallel(count, concurrency, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => { while (next < count) await fn(next++); }));
}

/** PIDs of the server processes serving `database` (the connector's pool, the worker's queries). */
async function backendPids(db, database) {
  const { rows } = await db.query(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [database]);
  return rows.map((r) => r.pid);
}

const sumCpu = (pids) => pids.reduce((n, pid) => n + (cpuMs(pid) || 0), 0);

/**
 * One ingestion run against `instance`: codes sent to DELIVERIES*10 users through the telephony hook,
 * then DELIVERIES deliveries of 100 events naming them, CONCURRENCY at a time, while the job worker
 * converts (as in production). Checks that every event was stored once and every sign-in converted.
 */
async function measureIngestion(label, instance, databaseUrl, databaseName, tokenSecret) {
  const run = `b${Date.now().toString(36).slice(-6)}`;
  const headers = { authorization: tokenSecret, 'content-type': 'application/json' };
  const sends = DELIVERIES * SIGN_INS_PER_DELIVERY;
  log(`${label}: sending ${sends} codes through the telephony hook`);
  await inParallel(sends, 8, async (n) => {
    const response = await fetch(`${instance.url}/v1/hooks/okta/telephony`, { method: 'POST', headers, body: JSON.stringify(telephonyCall(run, n)) });
    const answer = await response.json();
    if (response.status !== 200 || answer.commands?.[0]?.value?.[0]?.status !== 'SUCCESSFUL') throw new Error(`telephony hook: ${response.status} ${JSON.stringify(answer)}`);
  });
  const bodies = Array.from({ length: DELIVERIES }, (_, d) => oktaDelivery(run, d));
  const post = (body) =>
    fetch(`${instance.url}/v1/hooks/okta/events`, { method: 'POST', headers, body }).then(async (r) => {
      if (r.status !== 204) throw new Error(`event hook answered ${r.status}: ${await r.text()}`);
    });

  return withClient(databaseUrl, async (db) => {
    const selectOne = await timeEach(300, () => db.query('SELECT 1'));
    const bare = await timeEach(300, () => fetch(`${instance.url}/v1/hooks/okta/events`, { headers: { 'x-okta-verification-challenge': 'x' } }).then((r) => r.text()));
    const single = Math.min(20, DELIVERIES);
    const oneAtATime = await timeEach(single, (i) => post(bodies[i]));
    const pending = async () => Number((await db.query(`SELECT count(*) AS n FROM conversion_job WHERE kind = 'CONVERT' AND status = 'PENDING'`)).rows[0].n);
    while ((await pending()) > 0) await sleep(100); // the single deliveries' conversions, before the timed part

    // A database in service has statistics (autovacuum analyzes a table after its first few hundred
    // rows); a fresh one would plan the worker's lookups as if its tables were empty.
    await db.query('ANALYZE');

    const pids = await backendPids(db, databaseName);
    const connectorCpu = cpuMs(instance.pid);
    const databaseCpu = sumCpu(pids);
    const clientCpu = process.cpuUsage();
    const loadAtStart = load();
    const started = process.hrtime.bigint();
    await inParallel(DELIVERIES - single, CONCURRENCY, (i) => post(bodies[single + i]));
    const intakeSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const intakeConnectorCpu = cpuMs(instance.pid) - connectorCpu;
    const intakeDatabaseCpu = sumCpu([...new Set([...pids, ...(await backendPids(db, databaseName))])]) - databaseCpu;
    const backlogAtIntakeEnd = await pending();
    while ((await pending()) > 0) await sleep(50);
    const allSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const allPids = [...new Set([...pids, ...(await backendPids(db, databaseName))])];
    const totalDatabaseCpu = sumCpu(allPids) - databaseCpu;
    const totalConnectorCpu = cpuMs(instance.pid) - connectorCpu;
    const clientUsage = process.cpuUsage(clientCpu);
    const totalClientCpu = (clientUsage.user + clientUsage.system) / 1000;

    // Correctness: each event stored once, each sign-in converted with the code the connector sent.
    const timedEvents = (DELIVERIES - single) * EVENTS_PER_DELIVERY;
    const timedSignIns = (DELIVERIES - single) * SIGN_INS_PER_DELIVERY;
    const per1000 = (ms) => round((ms / timedEvents) * 1000);
    const stored = Number((await db.query(`SELECT count(*) AS n FROM auth_event WHERE event_type <> 'connector.conversion' AND (okta_user_id LIKE $1 OR okta_user_id LIKE $2)`, [`00u${run}%`, `00x${run}-%`])).rows[0].n);
    for (let i = 0; i < 5; i++) await post(bodies[single + i]); // Okta redelivers: nothing new
    const again = JSON.parse(bodies[single]);
    await post(JSON.stringify({ ...again, eventId: randomUUID() })); // same events in a new delivery: nothing new
    const storedAfterRedelivery = Number((await db.query(`SELECT count(*) AS n FROM auth_event WHERE event_type <> 'connector.conversion' AND (okta_user_id LIKE $1 OR okta_user_id LIKE $2)`, [`00u${run}%`, `00x${run}-%`])).rows[0].n);
    const conversions = await db.query(
      `SELECT outcome, count(*) AS n FROM auth_event WHERE event_type = 'connector.conversion' AND okta_user_id LIKE $1 GROUP BY outcome`,
      [`00u${run}%`],
    );
    const converted = Number((await db.query(`SELECT count(*) AS n FROM otp_activity WHERE okta_user_id LIKE $1 AND delivery_state = 'CONVERTED'`, [`00u${run}%`])).rows[0].n);
    const result = {
      load: loadAtStart,
      baselineSelectOneMs: selectOne,
      baselineBareEndpointMs: bare,
      deliveryOf100Ms: oneAtATime,
      deliveryRatioToBareEndpoint: round(oneAtATime.p50 / bare.p50, 1),
      deliveryRatioToSelectOne: round(oneAtATime.p50 / selectOne.p50, 1),
      concurrency: CONCURRENCY,
      acceptedEventsPerSecond: Math.round(timedEvents / intakeSeconds),
      endToEndEventsPerSecond: Math.round(timedEvents / allSeconds),
      conversionsPerSecond: Math.round(timedSignIns / allSeconds),
      backgroundTailSeconds: round(allSeconds - intakeSeconds),
      conversionsLeftWhenIntakeEnded: backlogAtIntakeEnd,
      tailConversionsPerSecond: Math.round(backlogAtIntakeEnd / (allSeconds - intakeSeconds)),
      connectorCpuMsPer1000Events: { intake: per1000(intakeConnectorCpu), total: per1000(totalConnectorCpu) },
      postgresCpuMsPer1000Events: { intake: per1000(intakeDatabaseCpu), total: per1000(totalDatabaseCpu) },
      // This process: sending the deliveries, polling the job table, and the simulator answering the Verify checks.
      clientCpuMsPer1000Events: per1000(totalClientCpu),
      // What two otherwise idle cores would carry end to end at these CPU costs.
      twoIdleCoresEventsPerSecond: Math.round((2000 / (totalConnectorCpu + totalDatabaseCpu + totalClientCpu)) * timedEvents),
      check: {
        eventsSent: DELIVERIES * EVENTS_PER_DELIVERY,
        eventsStored: stored,
        eventsStoredAfterRedeliveries: storedAfterRedelivery,
        signIns: DELIVERIES * SIGN_INS_PER_DELIVERY,
        conversionRecords: Object.fromEntries(conversions.rows.map((r) => [r.outcome, Number(r.n)])),
        sendsConverted: converted,
      },
    };
    log(`${label}: ${JSON.stringify(result)}`);
    return result;
  });
}

/** Through the server's Unix socket in `dir`: same server and database, `host` naming the directory. */
function socketUrl(url, dir) {
  const at = new URL(url);
  at.searchParams.set('host', dir);
  return at.toString();
}

/** A connector of `dist` on a fresh database of its own, with a token that delivers. */
async function freshInstance(name, dist, env, { nodeArgs = [], socketDir = null, extraEnv = {} } = {}) {
  const database = await createDatabase(SERVER_URL, `${DB_PREFIX}_ingest`);
  const instance = await startInstance(name, { ...env, ...extraEnv, DATABASE_URL: socketDir ? socketUrl(database.url, socketDir) : database.url }, { dist, nodeArgs });
  const { tokenSecret } = createToken(dist, { ...env, DATABASE_URL: database.url }, `ingest-${name}`);
  return { database, instance, tokenSecret };
}

/**
 * Both builds on fresh databases, BENCH_PAIRS times, one right after the other (the order alternating),
 * so load from elsewhere hits both alike; ratios of the medians, this build over the baseline.
 */
async function compareIngestion(env, results) {
  const runs = { baseline: [], this: [] };
  for (let pair = 0; pair < PAIRS; pair++) {
    const sides = pair % 2 === 0 ? ['baseline', 'this'] : ['this', 'baseline'];
    for (const side of sides) {
      const label = `${side === 'baseline' ? 'baseline build' : 'this build'}, fresh database${PAIRS > 1 ? `, pair ${pair + 1}` : ''}`;
      const nodeArgs = side === 'this' ? [...NODE_ARGS, ...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [])] : [];
      const fresh = await freshInstance(side, side === 'this' ? DIST : BASELINE_DIST, env, side === 'this' ? { nodeArgs, socketDir: SOCKET_DIR, extraEnv: THIS_ENV } : {});
      try {
        results[label] = await measureIngestion(label, fresh.instance, fresh.database.url, fresh.database.name, fresh.tokenSecret);
        runs[side].push(results[label]);
      } finally {
        await stopInstance(fresh.instance);
        await fresh.database.drop();
      }
    }
  }
  const ratio = (pick) => round(percentile(runs.this.map(pick), 50) / percentile(runs.baseline.map(pick), 50));
  return {
    pairs: PAIRS,
    acceptedEventsPerSecond: ratio((r) => r.acceptedEventsPerSecond),
    endToEndEventsPerSecond: ratio((r) => r.endToEndEventsPerSecond),
    deliveryOf100P50: ratio((r) => r.deliveryOf100Ms.p50),
    connectorCpuPerEvent: ratio((r) => r.connectorCpuMsPer1000Events.total),
    connectorIntakeCpuPerEvent: ratio((r) => r.connectorCpuMsPer1000Events.intake),
    postgresCpuPerEvent: ratio((r) => r.postgresCpuMsPer1000Events.total),
    postgresIntakeCpuPerEvent: ratio((r) => r.postgresCpuMsPer1000Events.intake),
    clientCpuPerEvent: ratio((r) => r.clientCpuMsPer1000Events),
    twoIdleCoresEventsPerSecond: ratio((r) => r.twoIdleCoresEventsPerSecond),
  };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const report = { startedAt: new Date().toISOString(), loadAtStart: load(), rows: ROWS, authEvents: AUTH_EVENTS, dist: DIST };
  const { simulator, env } = await startSimulator(0);
  const database = await benchDatabase();
  const cleanup = [];
  try {
    const tokenIds = await prepareHistory(database, env, report);
    // A number with a history of its own, for the search box (hashed with the instances' key).
    const { loadConfig } = require(join(DIST, 'config/load-config.js'));
    const { destinationHash, parsePhoneNumber } = require(join(DIST, 'common/phone-number.js'));
    const searchedNumber = '+447700900123';
    const dataDir = mkdtempSync(join(tmpdir(), 'otc-bench-key-'));
    const key = loadConfig({ ...env, DATABASE_URL: database.url, DATA_DIR: dataDir }).encryptionKey;
    rmSync(dataDir, { recursive: true, force: true });
    await withClient(database.url, async (db) => {
      await db.query(`UPDATE otp_activity SET destination_hash = $1 WHERE okta_event_id IN (SELECT 'gen-' || (g * ($2::bigint / 40)) FROM generate_series(1, 40) AS g)`, [
        destinationHash(parsePhoneNumber(searchedNumber), searchedNumber, key),
        ROWS,
      ]);
      report.liveTrafficAdded = await topUpHistory(db, tokenIds, log);
    });

    let baselineCopy = null;
    if (BASELINE_DIST && !SKIP.has('dashboard')) {
      const started = Date.now();
      baselineCopy = await baselineHistoryCopy(database, BASELINE_DIST);
      cleanup.push(() => baselineCopy.drop());
      log(`copied the history for the baseline build and folded its rollup in ${round((Date.now() - started) / 1000, 1)} s`);
    }
    const instance = await startInstance('dashboard', { ...env, DATABASE_URL: database.url }, { dist: DIST });
    report.firstRollupSeconds = await waitForRollup(database.url, ROLLUP_WAIT_MS);
    if (report.firstRollupSeconds === null) {
      log(`the rollup did not catch up within ${ROLLUP_WAIT_MS / 1000} s`);
      if (PREFOLD && (await withClient(database.url, rollupCaughtUp)).legacy) {
        const started = Date.now();
        await prefoldLegacyRollup(database.url, DIST);
        report.prefoldSeconds = round((Date.now() - started) / 1000, 1);
        log(`folded the rollup from the benchmark in ${report.prefoldSeconds} s`);
      }
    } else {
      log(`rollup caught up after ${report.firstRollupSeconds} s`);
    }
    if (!SKIP.has('dashboard')) {
      const builds = [{ label: 'this build', instance, database }];
      const baseline = BASELINE_DIST ? { label: 'baseline build', database: baselineCopy } : null;
      if (baseline) {
        baseline.instance = await startInstance('dashboard-baseline', { ...env, DATABASE_URL: baselineCopy.url }, { dist: BASELINE_DIST });
        builds.push(baseline);
      }
      try {
        report.dashboard = await measureDashboard(builds, tokenIds, searchedNumber);
      } finally {
        if (baseline) await stopInstance(baseline.instance);
      }
    }
    await stopInstance(instance);

    if (!SKIP.has('shapes') && !process.env.BENCH_DIST) report.queryShapes = await measureShapes(database.url, tokenIds);
    if (!SKIP.has('writes')) report.writeCost = await measureWriteCost(database.url);

    if (!SKIP.has('ingestion')) {
      report.ingestion = {};
      if (!SKIP.has('history-ingestion')) {
        const ingestion = await startInstance('ingestion', { ...env, DATABASE_URL: database.url }, { dist: DIST });
        cleanup.push(() => stopInstance(ingestion));
        const { tokenSecret } = createToken(DIST, { ...env, DATABASE_URL: database.url }, `ingest-${Date.now()}`);
        report.ingestion[`this build, ${ROWS.toLocaleString('en')} attempts in the database`] = await measureIngestion('this build (history)', ingestion, database.url, database.name, tokenSecret);
      }
      if (BASELINE_DIST) report.ingestionRatios = await compareIngestion(env, report.ingestion);
    }
    report.loadAtEnd = load();
    console.log(JSON.stringify(report, null, 2));
  } finally {
    for (const step of cleanup.reverse()) await step().catch((e) => log(`cleanup: ${e.message}`));
    await database.drop();
    await simulator.close?.();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
