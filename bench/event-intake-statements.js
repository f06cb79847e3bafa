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
// Run after `npx nx run api:build`:
//   BENCH_BASELINE_DIST=/path/to/main/dist/apps/api node bench/event-intake-statements.js   (bench:intake)
// Env: DATABASE_URL (server; fresh databases are created and dropped; default
// postgres://postgres@127.0.0.1:5432/postgres), BENCH_BASELINE_DIST (the build the ablations start from;
// default this build), BENCH_DIST (this build, default dist/apps/api), INTAKE_DELIVERIES per variant (400),
// INTAKE_SLICE (20).

const { randomUUID } = require('crypto');
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

const round = (n, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const log = (text) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${text}`);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Each variant: a build, SQL run after its migrations, whether the raw body is passed (else `{}`),
 * and `statement`: a change to the build's intake statement text.
 */
const VARIANTS = [
  { label: 'baseline', dist: BASELINE_DIST, sql: [] },
  { label: 'baseline, raw body not stored ({} instead)', dist: BASELINE_DIST, sql: [], emptyBody: true },
  {
    label: 'baseline, raw body in a text column (no JSON check)',
    dist: BASELINE_DIST,
    sql: ['ALTER TABLE okta_event_delivery ALTER COLUMN body TYPE text USING body::text'],
    statement: (text) => text.replace('$5::json', '$5::text'),
  },
  { label: 'baseline, without auth_event FKs to token and delivery', dist: BASELINE_DIST, sql: ['ALTER TABLE auth_event DROP CONSTRAINT fk_auth_event_token, DROP CONSTRAINT fk_auth_event_delivery'] },
  { label: 'baseline, without conversion_job FK to auth_event', dist: BASELINE_DIST, sql: ['ALTER TABLE conversion_job DROP CONSTRAINT fk_conversion_job_auth_event'] },
  { label: 'baseline, without ix_auth_event_published', dist: BASELINE_DIST, sql: ['DROP INDEX ix_auth_event_published'] },
  { label: 'baseline, without ix_auth_event_token_published', dist: BASELINE_DIST, sql: ['DROP INDEX ix_auth_event_token_published'] },
  { label: 'baseline, without ix_auth_event_user_published', dist: BASELINE_DIST, sql: ['DROP INDEX ix_auth_event_user_published'] },
  { label: 'this build', dist: DIST, sql: [] },
];

async function migrate(url, dist) {
  const { MIGRATIONS } = require(join(dist, 'database/migrations/index.js'));
  const dataSource = new DataSource({ type: 'postgres', url, migrations: MIGRATIONS });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
}

/** A database migrated by the variant's build, a client on it, and the build's own intake path (parse, then store). */
async function prepare(variant) {
  const database = await createDatabase(SERVER_URL, 'otc_intake_stmts');
  const client = new Client({ connectionString: database.url });
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
  const { parseEventDelivery } = require(join(variant.dist, 'events/event-hook-request.js'));
  const { EventIntakeRepository } = require(join(variant.dist, 'events/event-intake.repository.js'));
  const { EventsService } = require(join(variant.dist, 'events/events.service.js'));
  const change = variant.statement;
  const master = change ? { query: (config) => client.query({ ...config, text: change(config.text) }) } : client;
  const fakeDataSource = { driver: { master } };
  const metrics = { eventsIngested: { inc: () => undefined } };
  const service = new EventsService(null, new EventIntakeRepository(fakeDataSource), metrics, { now: () => new Date() });
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
    for (const v of variants) for (let i = 0; i < SLICE; i++) await v.ingest(oktaDelivery(`${run}w`, i));
    for (let done = 0, turn = 0; done < DELIVERIES; done += SLICE, turn++) {
      const order = turn % 2 === 0 ? variants : [...variants].reverse();
      for (const v of order) {
        const bodies = Array.from({ length: SLICE }, (_, i) => oktaDelivery(run, done + i));
        const server = cpuMs(v.pid);
        const self = process.cpuUsage();
        const started = process.hrtime.bigint();
        for (const body of bodies) await v.ingest(body);
        v.wall.push(Number(process.hrtime.bigint() - started) / 1e6 / SLICE);
        const used = process.cpuUsage(self);
        v.clientCpu += (used.user + used.system) / 1000;
        v.serverCpu += cpuMs(v.pid) - server;
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
        postgresCpuMsPerDelivery: round(per(v, 'serverCpu')),
        postgresRatio: round(per(v, 'serverCpu') / per(base, 'serverCpu'), 3),
        clientCpuMsPerDelivery: round(per(v, 'clientCpu')),
        clientRatio: round(per(v, 'clientCpu') / per(base, 'clientCpu'), 3),
        wallMsPerDeliveryMedian: round(median(v.wall)),
      })),
    };
    report.retention = await measureRetention(variants.filter((v) => v.label === 'baseline' || v.label === 'this build'));
    report.authEventIndexes = await explainAuthEventQueries(variants.find((v) => v.label === 'this build'));
    const { authEventIndexes, ...figures } = report;
    console.log(JSON.stringify(figures, null, 2));
    console.log(authEventIndexes.join('\n'));
  } finally {
    for (const v of variants) {
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
