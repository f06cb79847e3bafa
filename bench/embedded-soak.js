#!/usr/bin/env node
'use strict';
// The default database under mixed load and crashes. The built connector runs in its own process
// (live mode, real Vonage SDK pointed at the simulator in this process) on the embedded PostgreSQL
// in its DATA_DIR, or on a fresh database of the server at DATABASE_URL when that is set.
// Phase 1: SOAK_SECONDS of telephony hook calls at SOAK_RATE/s from SOAK_CONNECTIONS clients, plus
// Okta event deliveries, dashboard polling and `token create` from the CLI. Phase 2: the same load
// while the connector is killed with SIGKILL SOAK_KILLS times and restarted on the same DATA_DIR.
// After each phase it waits for the recovery sweep, then checks: no database error in the log, no
// 5xx, no PENDING row, every SUCCESSFUL answer recorded with its Verify request and backed by
// exactly one Verify request, no number sent to twice, every interrupted request cancelled.
// Run after `npx nx run api:build`: `npx nx run bench:soak` (SOAK_SECONDS=15 while developing).
// Exits 1 when a check fails.

const { execFile } = require('child_process');
const { randomBytes, randomUUID } = require('crypto');
const { readFileSync } = require('fs');
const { join } = require('path');
const { promisify } = require('util');
const autocannon = require('autocannon');
const { Client } = require('pg');
const { callFactory, createDatabase, createScreeningToken, ratio, sleep, startInstance, startSimulator, stopInstance } = require('./support/live-connector');

const root = join(__dirname, '..');
const dist = join(root, 'dist/apps/api');
const { findRunningEmbeddedPostgres } = require(join(dist, 'database/embedded-postgres.js'));

const SECONDS = Number(process.env.SOAK_SECONDS || 60);
const RATE = Number(process.env.SOAK_RATE || 100);
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS || 50);
const KILLS = Number(process.env.SOAK_KILLS ?? 3);
const SERVER_URL = process.env.DATABASE_URL || null;
const SETTLE_TIMEOUT_MS = 90_000;
const RUN_ID = `soak-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
const nextCall = callFactory(RUN_ID);
const SESSION = JSON.parse(readFileSync(join(root, 'apps/api/test/fixtures/okta/event-hook-delivery-user.session.start.okta-concepts-current.json'), 'utf8'));
const execFileAsync = promisify(execFile);

/** The connector process, restarted in place after each kill; its whole log is kept for the checks. */
class Connector {
  constructor(env) {
    this.env = env;
    this.instance = null;
    this.log = '';
    this.down = false;
    this.cliInFlight = Promise.resolve();
  }

  async start() {
    const where = this.instance ? { dataDir: this.instance.dataDir, port: this.instance.port } : {};
    this.instance = await startInstance('soak', this.env, { ...where, onOutput: (text) => (this.log += text) });
    this.down = false;
  }

  async killAndRestart() {
    this.down = true;
    this.instance.child.kill('SIGKILL');
    await this.instance.exited;
    // A CLI command that found no live connector opened the database itself (one owner per
    // DATA_DIR): the connector starts once it is done, as an operator would retry.
    await this.cliInFlight;
    const started = Date.now();
    await this.start();
    return Date.now() - started;
  }

  get url() {
    return this.instance.url;
  }

  databaseUrl() {
    return this.env.DATABASE_URL ?? findRunningEmbeddedPostgres(this.instance.dataDir);
  }
}

/** Log lines that speak of an error: JSON lines at error level, the embedded server's own, any other text naming one. */
function errorLinesIn(log) {
  return log.split('\n').filter((line) => {
    if (!line.trim()) return false;
    try {
      const entry = JSON.parse(line);
      return entry.level === 'error' || entry.context === 'EmbeddedPostgres';
    } catch {
      return /error|exception|bind message|does not exist/i.test(line);
    }
  });
}

/**
 * Hook calls started at a fixed rate by at most CONNECTIONS concurrent clients (a call that finds
 * every client busy waits for one). Every answer is recorded by eventId; a call the connector could
 * not take (killed, restarting) is counted, not retried.
 */
async function hookLoad(connector, secret, seconds, answers) {
  const latencies = [];
  let refused = 0;
  let inFlight = 0;
  const waiting = [];
  const client = async () => {
    if (inFlight >= CONNECTIONS) await new Promise((resolve) => waiting.push(resolve));
    inFlight++;
    const call = nextCall();
    const started = Date.now();
    try {
      const response = await fetch(`${connector.url}/v1/hooks/okta/telephony`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: secret },
        body: JSON.stringify(call),
        signal: AbortSignal.timeout(10_000),
      });
      const body = await response.text();
      latencies.push(Date.now() - started);
      answers.push({
        eventId: call.eventId,
        to: call.data.messageProfile.phoneNumber.replace('+', ''),
        status: response.status,
        successful: response.status === 200 && /"status":"SUCCESSFUL"/.test(body),
        transactionId: /"transactionId":"([^"]+)"/.exec(body)?.[1] ?? null,
      });
    } catch {
      refused++;
    } finally {
      inFlight--;
      waiting.shift()?.();
    }
  };
  const calls = [];
  const started = Date.now();
  for (let n = 0; n < seconds * RATE; n++) {
    const due = started + (n * 1000) / RATE;
    if (due > Date.now()) await sleep(due - Date.now());
    calls.push(client());
  }
  await Promise.all(calls);
  return { refused, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

function bareLoad(connector, seconds) {
  return new Promise((resolve, reject) => {
    autocannon({ url: `${connector.url}/health/live`, connections: CONNECTIONS, overallRate: RATE, duration: seconds }, (e, r) => (e ? reject(e) : resolve(r)));
  });
}

/** Runs `tick` every `everyMs` until `until` resolves; counts outcomes. Skips while the connector is down. */
async function repeat(connector, everyMs, until, tick) {
  const tally = { ok: 0, failed: 0, serverErrors: 0, failures: [] };
  let done = false;
  until.then(() => (done = true));
  while (!done) {
    if (!connector.down) {
      try {
        const status = await tick();
        if (status >= 500) tally.serverErrors++;
        if (status >= 200 && status < 300) tally.ok++;
        else tally.failed++;
      } catch (error) {
        // A call cut by a kill is the kill's doing, not a fault.
        if (!connector.down) {
          tally.failed++;
          tally.failures.push(String(error.message).slice(0, 200));
        }
      }
    }
    await sleep(everyMs);
  }
  return tally;
}

function eventDelivery(n) {
  const events = Array.from({ length: 20 }, (_, i) => ({ ...SESSION.data.events[0], uuid: randomUUID(), published: new Date().toISOString(), actor: { ...SESSION.data.events[0].actor, id: `00usoak${n}_${i}` } }));
  return JSON.stringify({ ...SESSION, eventId: randomUUID(), data: { events } });
}

async function adminToken(connector) {
  const response = await fetch(`${connector.url}/v1/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ apiKey: connector.env.VONAGE_API_KEY, apiSecret: connector.env.VONAGE_API_SECRET }),
  });
  return (await response.json()).accessToken;
}

async function cliTokenCreate(connector, n) {
  const run = execFileAsync(process.execPath, [join(dist, 'cli.js'), 'token', 'create', '--name', `soak-cli-${n}`, '--json'], {
    env: { ...process.env, ...connector.env, DATA_DIR: connector.instance.dataDir, LOG_LEVEL: 'error' },
    timeout: 60_000,
  });
  connector.cliInFlight = run.catch(() => undefined);
  const { stdout } = await run;
  return JSON.parse(stdout).tokenSecret ? 201 : 500;
}

async function phase(label, connector, secret, kills) {
  const answers = [];
  const restarts = [];
  const load = hookLoad(connector, secret, SECONDS, answers);
  let n = 0;
  let jwt = await adminToken(connector);
  const events = repeat(connector, 250, load, async () => {
    const response = await fetch(`${connector.url}/v1/hooks/okta/events`, { method: 'POST', headers: { authorization: secret, 'content-type': 'application/json' }, body: eventDelivery(n++) });
    return response.status;
  });
  const dashboard = repeat(connector, 1000, load, async () => {
    let response = await fetch(`${connector.url}/v1/admin/dashboard?period=24h`, { headers: { authorization: `Bearer ${jwt}` } });
    if (response.status === 401) {
      jwt = await adminToken(connector);
      response = await fetch(`${connector.url}/v1/admin/dashboard?period=24h`, { headers: { authorization: `Bearer ${jwt}` } });
    }
    return response.status;
  });
  let cliRuns = 0;
  const cli = repeat(connector, Math.max(2000, (SECONDS * 1000) / 6), load, () => cliTokenCreate(connector, cliRuns++));
  const killer = (async () => {
    for (let k = 1; k <= kills; k++) {
      await sleep((SECONDS * 1000) / (kills + 1) - (k === 1 ? 0 : restarts[restarts.length - 1]));
      restarts.push(await connector.killAndRestart());
    }
  })();
  const [hooks, eventTally, dashboardTally, cliTally] = await Promise.all([load, events, dashboard, cli, killer]);
  const settled = await settle(connector);
  const verdict = await check(connector, answers, settled);
  return { label, hooks, answers, eventTally, dashboardTally, cliTally, restarts, verdict };
}

/** Waits until no attempt of this run is PENDING (the recovery sweep resolves what a kill left). */
async function settle(connector) {
  const started = Date.now();
  for (;;) {
    const pending = await withDatabase(connector, async (db) => (await db.query(`SELECT count(*)::int AS n FROM otp_activity WHERE status = 'PENDING'`)).rows[0].n);
    if (pending === 0 || Date.now() - started > SETTLE_TIMEOUT_MS) return { pending, settleMs: Date.now() - started };
    await sleep(1000);
  }
}

async function withDatabase(connector, work) {
  const client = new Client({ connectionString: connector.databaseUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function check(connector, answers, settled) {
  const rows = await withDatabase(connector, async (db) =>
    (await db.query('SELECT okta_event_id, status, reason_code, verify_request_id FROM otp_activity WHERE okta_event_id LIKE $1', [`${RUN_ID}-%`])).rows,
  );
  const byEvent = new Map(rows.map((r) => [r.okta_event_id, r]));
  const sentTo = new Map();
  for (const message of connector.simulator.messages) sentTo.set(message.to, [...(sentTo.get(message.to) ?? []), message.requestId]);
  const successful = answers.filter((a) => a.successful);
  const unrecorded = successful.filter((a) => byEvent.get(a.eventId)?.verify_request_id !== a.transactionId);
  const notBackedOnce = successful.filter((a) => (sentTo.get(a.to) ?? []).length !== 1 || sentTo.get(a.to)[0] !== a.transactionId);
  const sentTwice = [...sentTo.values()].filter((ids) => ids.length > 1).length;
  const interrupted = rows.filter((r) => r.reason_code === 'INTERRUPTED');
  const cancels = new Set(connector.simulator.cancels);
  const uncancelled = interrupted.filter((r) => r.verify_request_id && !cancels.has(r.verify_request_id));
  const known = new Set(rows.map((r) => r.verify_request_id).filter(Boolean));
  const unknownToConnector = connector.simulator.messages.filter((m) => !known.has(m.requestId)).length;
  const statuses = {};
  for (const row of rows) statuses[row.status] = (statuses[row.status] ?? 0) + 1;
  return {
    pending: settled.pending,
    settleMs: settled.settleMs,
    successful: successful.length,
    unrecorded: unrecorded.length,
    notBackedOnce: notBackedOnce.length,
    sentTwice,
    interrupted: interrupted.length,
    interruptedWithRequest: interrupted.filter((r) => r.verify_request_id).length,
    uncancelled: uncancelled.length,
    unknownToConnector,
    statuses,
  };
}

function report(result, connector, bare, errorLines) {
  const { hooks, verdict } = result;
  const fiveXx = result.answers.filter((a) => a.status >= 500).length;
  console.log(`\n== ${result.label} ==`);
  console.table({
    'hook calls answered': { value: result.answers.length },
    'SUCCESSFUL answers': { value: verdict.successful },
    'other answers (refusals, 429)': { value: result.answers.filter((a) => a.status < 500 && !a.successful).length },
    '5xx (hook)': { value: fiveXx },
    'calls refused while down (kills)': { value: hooks.refused },
    'hook p50 / p99 ms': { value: `${hooks.p50} / ${hooks.p99}` },
    'event deliveries ok / 5xx / failed': { value: `${result.eventTally.ok} / ${result.eventTally.serverErrors} / ${result.eventTally.failed}` },
    'dashboard polls ok / 5xx / failed': { value: `${result.dashboardTally.ok} / ${result.dashboardTally.serverErrors} / ${result.dashboardTally.failed}` },
    'CLI token create ok / failed': { value: `${result.cliTally.ok} / ${result.cliTally.failed}` },
    'restarts after kill -9 (ms to ready)': { value: result.restarts.join(', ') || '-' },
    'rows by status': { value: JSON.stringify(verdict.statuses) },
    'PENDING after settle (ms)': { value: `${verdict.pending} (${verdict.settleMs})` },
    'SUCCESSFUL without its record': { value: verdict.unrecorded },
    'SUCCESSFUL not backed by exactly one Verify request': { value: verdict.notBackedOnce },
    'numbers sent to twice': { value: verdict.sentTwice },
    'INTERRUPTED rows (with a Verify request, uncancelled)': { value: `${verdict.interrupted} (${verdict.interruptedWithRequest}, ${verdict.uncancelled})` },
    'Verify requests started but not recorded (kill between send and journal)': { value: verdict.unknownToConnector },
    'error lines in the log': { value: errorLines.length },
  });
  console.log(`hook p99 vs GET /health/live p99 at the same rate: ${ratio(hooks.p99, bare.latency.p99)}`);
  if (errorLines.length) console.log(`first error lines:\n${errorLines.slice(0, 5).join('\n')}`);
  for (const tally of [result.eventTally, result.dashboardTally, result.cliTally]) if (tally.failures.length) console.log(`failures: ${tally.failures.slice(0, 3).join(' | ')}`);
  const failures = [];
  if (fiveXx || result.eventTally.serverErrors || result.dashboardTally.serverErrors) failures.push('5xx answers');
  if (result.eventTally.failed || result.dashboardTally.failed || result.cliTally.failed) failures.push('failed side calls');
  if (verdict.pending) failures.push('PENDING rows after settling');
  if (verdict.unrecorded) failures.push('accepted attempts lost');
  if (verdict.notBackedOnce || verdict.sentTwice) failures.push('Verify requests not one per SUCCESSFUL answer');
  if (verdict.uncancelled) failures.push('interrupted requests not cancelled');
  if (errorLines.length) failures.push('errors in the log');
  return failures;
}

async function main() {
  const database = SERVER_URL ? await createDatabase(SERVER_URL, 'otc_soak') : null;
  const sim = await startSimulator(0);
  const connector = new Connector({ ...sim.env, ...(database ? { DATABASE_URL: database.url } : {}) });
  connector.simulator = sim.simulator;
  const failures = [];
  try {
    await connector.start();
    const secret = createScreeningToken(connector.instance, 'soak');
    console.log(
      `${database ? 'PostgreSQL at DATABASE_URL' : 'embedded PostgreSQL'}: ${SECONDS} s per phase at ${RATE} hook calls/s from ${CONNECTIONS} clients, ` +
        `events every 250 ms, dashboard every 1 s, CLI token create every ${Math.max(2, SECONDS / 6)} s`,
    );
    const bare = await bareLoad(connector, 3);
    for (const [label, kills] of [
      ['phase 1: mixed load', 0],
      [`phase 2: mixed load, kill -9 and restart ${KILLS} times`, KILLS],
    ]) {
      const logFrom = connector.log.length;
      const result = await phase(label, connector, secret, kills);
      const errors = errorLinesIn(connector.log.slice(logFrom));
      failures.push(...report(result, connector, bare, errors).map((f) => `${label}: ${f}`));
    }
  } finally {
    if (connector.instance) {
      const stop = await stopInstance(connector.instance);
      if (stop) failures.push(stop);
    }
    await sim.simulator.close();
    await database?.drop();
  }
  console.log(failures.length ? `\nFAILED: ${failures.join('; ')}` : '\nPASSED: every check held in both phases');
  process.exit(failures.length ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
