#!/usr/bin/env node
'use strict';
// What storing one Okta delivery of 100 events (about 190 kB) costs PostgreSQL, and where it goes:
// the intake statement of a build, run against databases that differ in one thing each (a foreign
// key, an index, how the raw body is kept), in turns of INTAKE_SLICE deliveries so load from
// elsewhere hits every variant alike. CPU per delivery is read from /proc for each variant's own
// server process (the backend) and for this process (the intake code of the build and the `pg`
// driver: building the parameters and writing the body); wall time per delivery beside it. Then
// retention's delete of 50 raw deliveries, in the baseline's database and this build's, and the plan
// of every query that reads auth_event (which index each uses) in this build's.
//
//
// The floor beside it, in the same turns: the statement alone (this build's parameters built before the
// clock starts, sent by a bare `pg` client, over TCP and over a Unix socket), and in this process
// JSON.parse of the body alone and parse + validation; and a bare Fastify server in its own process
// receiving the same deliveries (body as text, then parsed) over HTTP, answering 204.
//
// Run after `npx nx run api:build`:
//   BENCH_BASELINE_DIST=/path/to/main/dist/apps/api node bench/event-intake-statements.js   (bench:intake)
// Env: DATABASE_URL (server; fresh databases are created and dropped; default
// postgres://postgres@127.0.0.1:5432/postgres), BENCH_BASELINE_DIST (the build the ablations start from;
// default this build), BENCH_DIST (this build, default dist/apps/api), INTAKE_DELIVERIES per variant (400),
// INTAKE_SLICE (20), INTAKE_SOCKET_DIR (the server's Unix socket directory, default /var/run/postgresql;
// variants over the socket are left out when it has no socket), INTAKE_ONLY (a regular expression: only the
// variants whose label matches, the baseline always), BENCH_DB_PREFIX (database names, default otc).

const { spawn } = require('child_process');
const { randomUUID } = require('crypto');
const { existsSync } = require('fs');
const { join } = require('path');
const { loadavg } = require('os');
const { Client } = require('pg');
const { DataSource } = require('typeorm');
const { cpuMs, createDatabase } = require('./support/live-connector');
const { oktaDelivery } = require('./support/okta-deliveries');

const root = join(__dirname, '..');
const SERVER_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const DIST = process.env.BENCH_DIST || join(root, 'dist/apps/api');
const BASELINE_DIST = process.env.BENCH_BASELINE_DIST || DIST;
const DELIVERIES = Number(process.env.INTAKE_DELIVERIES || 400);
const SLICE = Number(process.env.INTAKE_SLICE || 20);
const RETENTION_DELIVERIES = 50;
const SOCKET_DIR = process.env.INTAKE_SOCKET_DIR || '/var/run/postgresql';
const ONLY = process.env.INTAKE_ONLY ? new RegExp(process.env.INTAKE_ONLY) : null;
const DB_PREFIX = process.env.BENCH_DB_PREFIX || 'otc';
const socketAvailable = () => existsSync(join(SOCKET_DIR, `.s.PGSQL.${new URL(SERVER_URL).port || 5432}`));

const round = (n, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const log = (text) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${text}`);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Each variant: a build, SQL run after its migrations, whether the raw body is passed (else `{}`),
 * `statement`: a change to the build's intake statement text, `socket`: the client connects through
 * the server's Unix socket, `config`: the build's configuration where it differs from the default,
 * `floor`: only a part of the intake (see `floorIngest`).
 */
const VARIANTS = [
  { label: 'baseline', dist: BASELINE_DIST, sql: [] },
  { label: 'baseline, raw body not stored ({} instead)', dist: BASELINE_DIST, sql: [], emptyBody: true },
  // The foreign keys and the body's JSON type were priced (and dropped) before migration 1764201000000:
  // docs/hook-performance.md, "Event intake at about half the CPU".
  { label: 'baseline, without ix_auth_event_published', dist: BASELINE_DIST, sql: ['DROP INDEX ix_auth_event_published'] },
  { label: 'baseline, without ix_auth_event_token_published', dist: BASELINE_DIST, sql: ['DROP INDEX ix_auth_event_token_published'] },
  { label: 'baseline, without ix_auth_event_user_published', dist: BASELINE_DIST, sql: ['DROP INDEX ix_auth_event_user_published'] },
  { label: 'this build', dist: DIST, sql: [] },
  { label: 'this build, Unix socket', dist: DIST, sql: [], socket: true },
  { label: 'this build, raw bodies not kept (EVENT_DELIVERY_RETENTION_DAYS=0)', dist: DIST, sql: [], config: { eventDeliveryRetentionDays: 0 } },
  { label: 'this build, raw body stored uncompressed (STORAGE EXTERNAL)', dist: DIST, sql: ['ALTER TABLE okta_event_delivery ALTER COLUMN body SET STORAGE EXTERNAL'] },
  { label: 'this build, synchronous_commit off (priced, not used)', dist: DIST, sql: ['SET synchronous_commit = off'] },
  { label: 'floor: the statement alone from a bare pg client', dist: DIST, sql: [], floor: 'statement' },
  { label: 'floor: the statement alone from a bare pg client, Unix socket', dist: DIST, sql: [], floor: 'statement', socket: true },
  { label: 'floor: JSON.parse of the body alone (no database)', dist: DIST, sql: [], floor: 'parse' },
  { label: 'floor: JSON.parse + validation (no database)', dist: DIST, sql: [], floor: 'validate' },
  { label: 'floor: bare Fastify receiving the body as text over HTTP (no parse, no database)', dist: DIST, sql: [], floor: 'http' },
  { label: 'floor: bare Fastify receiving and parsing the body over HTTP (no database)', dist: DIST, sql: [], floor: 'http-parse' },
].filter((v) => (!v.socket || socketAvailable()) && (!ONLY || v.label === 'baseline' || ONLY.test(v.label)));

/** Through the server's Unix socket: same server and database, `host` naming the socket directory. */
function socketUrl(url) {
  const at = new URL(url);
  at.searchParams.set('host', SOCKET_DIR);
  return at.toString();
}

/**
 * A bare Fastify server in its own process (this checkout's Fastify, as the connector uses), answering
 * 204 to each POST; with `parse` it also JSON.parses the body. Its CPU comes from /proc like a backend's.
 */
async function bareHttpServer(parse) {
  const source = `
    const app = require('fastify')({ bodyLimit: 1048576 });
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => done(null, ${parse ? 'JSON.parse(body)' : 'body.length'}));
    app.post('/', async (request, reply) => reply.code(204).send());
    app.listen({ port: 0, host: '127.0.0.1' }).then(() => process.stdout.write(String(app.server.address().port) + '\\n'));`;
  const child = spawn(process.execPath, ['-e', source], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bare Fastify exited with ${code}`)));
    child.stdout.once('data', (chunk) => resolve(Number(String(chunk).trim())));
  });
  return { pid: child.pid, url: `http://127.0.0.1:${port}/`, stop: () => child.kill() };
}

/**
 * The parts of the intake alone. `statement`: this build's parameters for each delivery are built
 * before the clock starts (its own code, through a capturing stand-in for the pool), then only the
 * statement is sent; the others run a part in this process, or send the body to a bare HTTP server.
 */
async function floorIngest(variant, client, tokenId, config) {
  const { parseEventDelivery } = require(join(variant.dist, 'events/event-hook-request.js'));
  const { EventIntakeRepository } = require(join(variant.dist, 'events/event-intake.repository.js'));
  const { EventsService } = require(join(variant.dist, 'events/events.service.js'));
  if (variant.floor === 'parse') return { ingest: async (text) => void JSON.parse(text) };
  if (variant.floor === 'validate') {
    return {
      ingest: async (text) => {
        const parsed = parseEventDelivery(JSON.parse(text), { textChecked: true });
        if (!parsed.ok || parsed.delivery.events.length !== 100) throw new Error('validation failed');
      },
    };
  }
  if (variant.floor.startsWith('http')) {
    const server = await bareHttpServer(variant.floor === 'http-parse');
    const post = async (text) => {
      const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text });
      if (response.status !== 204) throw new Error(`bare Fastify answered ${response.status}`);
      await response.arrayBuffer();
    };
    return { ingest: post, pid: server.pid, stop: server.stop };
  }
  let captured;
  const capturing = { driver: { master: { query: async (query) => ((captured = query), { rows: [{ deliveries: '1', stored: '100', queued: '10' }] }) } } };
  const metrics = { eventsIngested: { inc: () => undefined } };
  const service = new EventsService(null, new EventIntakeRepository(capturing), metrics, { now: () => new Date() }, config);
  return {
    prebuild: async (texts) => {
      const queries = [];
      for (const text of texts) {
        const body = JSON.parse(text);
        const parsed = parseEventDelivery(body, { textChecked: true });
        await service.ingest(tokenId, parsed.delivery, body, text);
        queries.push(captured);
      }
      return queries;
    },
    ingest: async (query) => {
      const { rows } = await client.query(query);
      if (Number(rows[0].stored) !== 100) throw new Error(`${variant.label}: stored ${rows[0].stored} of 100`);
    },
  };
}

async function migrate(url, dist) {
  const { MIGRATIONS } = require(join(dist, 'database/migrations/index.js'));
  const dataSource = new DataSource({ type: 'postgres', url, migrations: MIGRATIONS });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
}

/** A database migrated by the variant's build, a client on it, and the build's own intake path (parse, then store). */
async function prepare(variant) {
  const database = await createDatabase(SERVER_URL, `${DB_PREFIX}_intake_stmts`);
  const client = new Client({ connectionString: variant.socket ? socketUrl(database.url) : database.url });
  try {
    await migrate(database.url, variant.dist);
    await client.connect();
    for (const sql of variant.sql) await client.query(sql);
  } catch (error) {
    await client.end().catch(() => undefined);
    await database.drop();
    throw error;
  }
  const secretHash = randomUUID().replace(/-/g, '').repeat(2);
  const [{ id: tokenId }] = (await client.query(`INSERT INTO token (name, short_id, secret_hash, policy, policy_version) VALUES ('intake', 'tok_intake', $1, '{}', 2) RETURNING id`, [secretHash])).rows;
  const [{ pid }] = (await client.query('SELECT pg_backend_pid() AS pid')).rows;
  const config = { eventDeliveryRetentionDays: 7, ...variant.config };
  if (variant.floor) {
    const floor = await floorIngest(variant, client, tokenId, config);
    return { ...variant, ...floor, database, client, pid: floor.pid ?? pid, serverCpu: 0, clientCpu: 0, wall: [], count: 0 };
  }
  const { parseEventDelivery } = require(join(variant.dist, 'events/event-hook-request.js'));
  const { EventIntakeRepository } = require(join(variant.dist, 'events/event-intake.repository.js'));
  const { EventsService } = require(join(variant.dist, 'events/events.service.js'));
  const change = variant.statement;
  const master = change ? { query: (config) => client.query({ ...config, text: change(config.text) }) } : client;
  const fakeDataSource = { driver: { master } };
  const metrics = { eventsIngested: { inc: () => undefined } };
  const service = new EventsService(null, new EventIntakeRepository(fakeDataSource), metrics, { now: () => new Date() }, config);
  const ingest = async (text) => {
    const stored = variant.emptyBody ? '{}' : text;
    const body = JSON.parse(text);
    const parsed = parseEventDelivery(body, { textChecked: true });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const result = await service.ingest(tokenId, parsed.delivery, body, stored);
    if (result.stored !== 100) throw new Error(`${variant.label}: stored ${result.stored} of 100`);
  };
  return { ...variant, database, client, pid, ingest, serverCpu: 0, clientCpu: 0, wall: [], count: 0 };
}

/**
 * What retention's delete of RETENTION_DELIVERIES raw deliveries costs once the events above are
 * stored (server time of the DELETE, its foreign-key actions included), in each build's database.
 */
async function measureRetention(variants) {
  const results = {};
  for (const v of variants) {
    const [{ events }] = (await v.client.query('SELECT count(*)::int AS events FROM auth_event')).rows;
    const started = process.hrtime.bigint();
    const { rowCount } = await v.client.query(
      `DELETE FROM okta_event_delivery WHERE id IN (SELECT id FROM okta_event_delivery ORDER BY received_at LIMIT $1)`,
      [RETENTION_DELIVERIES],
    );
    results[v.label] = { eventsStored: events, deliveriesDeleted: rowCount, ms: round(Number(process.hrtime.bigint() - started) / 1e6) };
  }
  const [base, mine] = variants.map((v) => results[v.label].ms);
  return { ...results, ratio: round(mine / base, 3) };
}

/** Every query that reads auth_event, with the plan this build's database gives it (EXPLAIN ANALYZE). */
const AUTH_EVENT_QUERIES = {
  'intake and conversion records: a repeated event (uq_auth_event_uuid)': `SELECT id FROM auth_event WHERE token_id = $1 AND event_uuid = $2`,
  'conversion batch: the sign-ins by id (pk_auth_event)': `SELECT id FROM auth_event WHERE id = ANY($3::uuid[])`,
  'auth events page, Okta events (ix_auth_event_published)': `SELECT id FROM auth_event e WHERE e.event_type <> 'connector.conversion' ORDER BY e.published DESC, e.id DESC LIMIT 51`,
  'auth events page of one token (ix_auth_event_token_published)': `SELECT id FROM auth_event e WHERE e.token_id = $4 ORDER BY e.published DESC, e.id DESC LIMIT 51`,
  'fallback: signed in since the SMS? (ix_auth_event_user_published)': `SELECT id FROM auth_event e WHERE e.token_id = $1 AND e.okta_user_id = $5 AND e.published >= now() - interval '1 hour'
     AND e.factor IN ('SMS_FACTOR', 'CALL_FACTOR') AND e.outcome = 'SUCCESS' AND e.event_type = 'user.authentication.auth_via_mfa' LIMIT 1`,
};

async function explainAuthEventQueries(v) {
  const db = v.client;
  // A second, small token, so a token's page has something to skip.
  const [{ id: other }] = (await db.query(`INSERT INTO token (name, short_id, secret_hash, policy, policy_version) VALUES ('other', 'tok_other', $1, '{}', 2) RETURNING id`, ['f'.repeat(64)])).rows;
  await db.query(
    `INSERT INTO auth_event (token_id, event_uuid, published, received_at, event_type, outcome) SELECT $1, 'other-' || i, now() - interval '1 day', now(), 'user.session.start', 'SUCCESS' FROM generate_series(1, 200) AS i`,
    [other],
  );
  await db.query('ANALYZE auth_event');
  const [sample] = (await db.query(`SELECT token_id, event_uuid, okta_user_id FROM auth_event WHERE factor = 'SMS_FACTOR' ORDER BY published DESC LIMIT 1`)).rows;
  const ids = (await db.query('SELECT id FROM auth_event ORDER BY random() LIMIT 3')).rows.map((r) => r.id);
  const params = [sample.token_id, sample.event_uuid, ids, other, sample.okta_user_id];
  const [{ n: rows }] = (await db.query('SELECT count(*)::int AS n FROM auth_event')).rows;
  const indexes = (await db.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'auth_event' ORDER BY indexname`)).rows.map((r) => r.indexname);
  const out = [`auth_event: ${rows} rows; ${indexes.length} indexes: ${indexes.join(', ')}`];
  for (const [name, sql] of Object.entries(AUTH_EVENT_QUERIES)) {
    const used = params.filter((_, i) => sql.includes(`$${i + 1}`));
    // Positional parameters must be contiguous: number the ones this query uses 1..n.
    let text = sql;
    params.forEach((_, i) => {
      const at = used.indexOf(params[i]);
      if (at >= 0) text = text.replaceAll(`$${i + 1}`, `$${at + 1}`);
    });
    const plan = (await db.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING ON) ${text}`, used)).rows.map((r) => r['QUERY PLAN']);
    out.push('', `-- ${name}`, ...plan.filter((line) => !/^(Planning|Execution) Time/.test(line)));
  }
  return out;
}

async function main() {
  log(`preparing ${VARIANTS.length} databases`);
  const variants = [];
  try {
    for (const variant of VARIANTS) variants.push(await prepare(variant));
    const run = `s${Date.now().toString(36).slice(-6)}`;
    // Warm-up: plans cached, code optimised, a first few pages in each table.
    const prepared = async (v, texts) => (v.prebuild ? v.prebuild(texts) : texts);
    for (const v of variants) for (const item of await prepared(v, Array.from({ length: SLICE }, (_, i) => oktaDelivery(`${run}w`, i)))) await v.ingest(item);
    for (let done = 0, turn = 0; done < DELIVERIES; done += SLICE, turn++) {
      const order = turn % 2 === 0 ? variants : [...variants].reverse();
      for (const v of order) {
        const bodies = await prepared(v, Array.from({ length: SLICE }, (_, i) => oktaDelivery(run, done + i)));
        const server = cpuMs(v.pid);
        const self = process.cpuUsage();
        const started = process.hrtime.bigint();
        for (const body of bodies) await v.ingest(body);
        v.wall.push(Number(process.hrtime.bigint() - started) / 1e6 / SLICE);
        const used = process.cpuUsage(self);
        v.clientCpu += (used.user + used.system) / 1000;
        v.serverCpu += v.floor === 'parse' || v.floor === 'validate' ? 0 : cpuMs(v.pid) - server;
        v.count += SLICE;
      }
    }
    const base = variants[0];
    const per = (v, key) => v[key] / v.count;
    const report = {
      load: loadavg().map((l) => round(l, 1)).join(' '),
      deliveriesPerVariant: base.count,
      bodyKb: round(Buffer.byteLength(oktaDelivery(run, 0)) / 1024, 1),
      variants: variants.map((v) => ({
        variant: v.label,
        // The PostgreSQL backend's CPU (the bare HTTP server's for the HTTP floors, none for the parse floors).
        postgresCpuMsPerDelivery: round(per(v, 'serverCpu')),
        postgresRatio: round(per(v, 'serverCpu') / per(base, 'serverCpu'), 3),
        clientCpuMsPerDelivery: round(per(v, 'clientCpu')),
        clientRatio: round(per(v, 'clientCpu') / per(base, 'clientCpu'), 3),
        wallMsPerDeliveryMedian: round(median(v.wall)),
      })),
    };
    const mine = variants.find((v) => v.label === 'this build');
    if (mine) {
      report.retention = await measureRetention([base, mine]);
      report.authEventIndexes = await explainAuthEventQueries(mine);
    }
    const { authEventIndexes = [], ...figures } = report;
    console.log(JSON.stringify(figures, null, 2));
    console.log(authEventIndexes.join('\n'));
  } finally {
    for (const v of variants) {
      v.stop?.();
      await v.client.end().catch(() => undefined);
      await v.database.drop().catch((error) => log(`drop ${v.database.name}: ${error.message}`));
    }
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
