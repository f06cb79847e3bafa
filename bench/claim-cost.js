#!/usr/bin/env node
'use strict';
// What each part of an OTP's two statements costs PostgreSQL: the hook's claim and its journalled
// completion (the SQL of delivery/activity.repository.ts), replayed at an even rate over a few
// connections against copies of the migrated schema that differ in one thing each (the token foreign
// key, one index, the claim's commit mode...). Variants take turns in short rounds, so load from
// elsewhere hits them alike; per variant and per OTP it prints the CPU of its backends (user and
// system, from /proc), the statements' execution time and WAL (pg_stat_statements), and the ratio to
// the schema as migrated, median over the rounds.
//
// The server should be one nobody else uses meanwhile, with pg_stat_statements loaded (the throwaway
// cluster of docs/hook-performance.md, "Reproduce"); its backends must be on this machine.
// Run after `npx nx run api:build`:
//   CLAIM_DATABASE_URL=postgres://postgres@127.0.0.1:55432/postgres node bench/claim-cost.js
// Env: CLAIM_DATABASE_URL (required), CLAIM_RATE (OTPs/s, 200), CLAIM_SECONDS (per round, 4), CLAIM_ROUNDS (5),
// CLAIM_CONNECTIONS (4), CLAIM_ROWS (rows already in otp_activity, 200,000), CLAIM_VARIANTS (comma-separated names), BENCH_DIST.

const { randomBytes } = require('crypto');
const { readFileSync } = require('fs');
const { join } = require('path');
const { Client } = require('pg');
const { DataSource } = require('typeorm');
const { CLOCK_TICKS, createDatabase } = require('./support/live-connector');

const root = join(__dirname, '..');
const DIST = process.env.BENCH_DIST || join(root, 'dist/apps/api');
const { MIGRATIONS } = require(join(DIST, 'database/migrations/index.js'));
const SERVER_URL = process.env.CLAIM_DATABASE_URL;
const RATE = Number(process.env.CLAIM_RATE || 200);
const SECONDS = Number(process.env.CLAIM_SECONDS || 4);
const ROUNDS = Number(process.env.CLAIM_ROUNDS || 5);
const CONNECTIONS = Number(process.env.CLAIM_CONNECTIONS || 4);
const ROWS = Number(process.env.CLAIM_ROWS || 200_000);

// The hook's two statements (delivery/activity.repository.ts: CLAIM and COMPLETE_JOURNALLED).
const CLAIM = `INSERT INTO otp_activity (created_at, token_id, okta_event_id, okta_user_id, request_type, channel, destination_masked, destination_hash,
                             country, status, reason_code, description, flags, facts, latency_ms, verify_request_id, delivery_state,
                             code_ciphertext, destination_ciphertext, otp_expires_at, fallback_of, okta_login, code_erase_at)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)
   ON CONFLICT DO NOTHING
   RETURNING id`;
const COMPLETE = `WITH settled AS (UPDATE otp_activity SET status = $2, reason_code = $3, description = $4, flags = $5, facts = $6, latency_ms = $7, verify_request_id = $8,
          delivery_state = $9, code_ciphertext = $10, destination_ciphertext = COALESCE($11, destination_ciphertext)
          FROM (SELECT set_config('synchronous_commit', 'off', true)) AS commit_mode WHERE id = $1 RETURNING otp_activity.id, otp_activity.verify_request_id)
  INSERT INTO verify_request_attempt (verify_request_id, activity_id)
  SELECT verify_request_id, id FROM settled WHERE verify_request_id IS NOT NULL
  ON CONFLICT DO NOTHING`;

const dropIndex = (name) => ({ ddl: [`DROP INDEX ${name}`] });
// Each variant: DDL applied to its copy of the schema, and optionally other statements.
const VARIANTS = {
  migrated: { ddl: [] },
  'no token FK': { ddl: ['ALTER TABLE otp_activity DROP CONSTRAINT fk_otp_activity_token'] },
  'no ix_destination_created': dropIndex('ix_otp_activity_destination_created'),
  'no ix_login_created': dropIndex('ix_otp_activity_login_created'),
  'no ix_user_channel': dropIndex('ix_otp_activity_user_channel'),
  'no ix_token_created_id': dropIndex('ix_otp_activity_token_created_id'),
  'no ix_created_id': dropIndex('ix_otp_activity_created_id'),
  'no ix_code_erase': dropIndex('ix_otp_activity_code_erase'),
  'claim without ON CONFLICT': { ddl: [], claim: CLAIM.replace('ON CONFLICT DO NOTHING', '') },
  'claim committed asynchronously': { ddl: [], claimAsync: true },
  'no token FK, no number and login indexes': {
    ddl: ['ALTER TABLE otp_activity DROP CONSTRAINT fk_otp_activity_token', 'DROP INDEX ix_otp_activity_destination_created', 'DROP INDEX ix_otp_activity_login_created'],
  },
  'no otp_activity indexes but pk, uq_event': {
    ddl: ['destination_created', 'login_created', 'user_channel', 'token_created_id', 'created_id', 'code_erase'].map((i) => `DROP INDEX ix_otp_activity_${i}`),
  },
};
const SELECTED = process.env.CLAIM_VARIANTS ? process.env.CLAIM_VARIANTS.split(',').map((s) => s.trim()) : Object.keys(VARIANTS);

// User and system time from /proc/<pid>/stat (in clock ticks, 10 ms), and the time on a CPU in ns
// from /proc/<pid>/schedstat (the figure the ratios use: ticks are too coarse for a few seconds).
function cpu(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const onCpu = Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  return { user: (Number(fields[11]) * 1000) / CLOCK_TICKS, system: (Number(fields[12]) * 1000) / CLOCK_TICKS, onCpu };
}

const hex = (n) => randomBytes(n).toString('hex');

function claimValues(tokenId, i) {
  const user = i % 5000;
  const now = new Date();
  return [
    now, tokenId, `evt-${hex(8)}-${i}`, `00u${String(user).padStart(17, '0')}`, 'sms_verification', 'SMS', '+44 **** ***123', hex(32), 'GB',
    'PENDING', 'DELIVERED', 'Screening and sending', '[]',
    JSON.stringify({ country: 'GB', lineType: null, carrier: null, ported: null, roaming: null, reachable: null, validFormat: true }),
    0, null, null, null, null, new Date(now.getTime() + 300_000), null, `user${user}@example.com`, new Date(now.getTime() + 300_000),
  ];
}

function completionValues(id) {
  return [
    id, 'SUCCESS', 'DELIVERED', 'Delivered by SMS', '[]',
    JSON.stringify({ country: 'GB', lineType: 'mobile', carrier: null, ported: null, roaming: null, reachable: null, validFormat: true }),
    38, hex(16), 'PENDING', `v1.${randomBytes(44).toString('base64')}`, `v1.${randomBytes(40).toString('base64')}`,
  ];
}

async function prepareVariant(templateName, name, variant) {
  const db = await createDatabase(SERVER_URL, 'otc_pgcpu_claim');
  const admin = new Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE ${db.name}`);
  await admin.query(`CREATE DATABASE ${db.name} TEMPLATE ${templateName}`);
  await admin.end();
  const setup = new Client({ connectionString: db.url });
  await setup.connect();
  for (const ddl of variant.ddl) await setup.query(ddl);
  const { rows: [{ id: tokenId }] } = await setup.query('SELECT id FROM token LIMIT 1');
  await setup.query('VACUUM ANALYZE otp_activity');
  await setup.end();
  const clients = [];
  for (let c = 0; c < CONNECTIONS; c++) {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    if (variant.claimAsync) await client.query(`SET synchronous_commit = off`);
    const { rows: [{ pid }] } = await client.query('SELECT pg_backend_pid() AS pid');
    clients.push({ client, pid, busy: false });
  }
  return { name, variant, db, clients, tokenId, rounds: [], counter: 0 };
}

/** One round: RATE OTPs per second for SECONDS, each a claim then a completion on a free connection. */
async function round(v, stats) {
  const total = RATE * SECONDS;
  const before = v.clients.map((c) => cpu(c.pid));
  const statsBefore = await stats(v);
  const started = Date.now();
  const pending = [];
  const queue = [];
  const run = async (client) => {
    const i = v.counter++;
    const claimed = await client.client.query({ name: 'claim', text: v.variant.claim ?? CLAIM, values: claimValues(v.tokenId, i) });
    await client.client.query({ name: 'complete', text: COMPLETE, values: completionValues(claimed.rows[0].id) });
  };
  const dispatch = () => {
    const free = v.clients.find((c) => !c.busy);
    if (!free || queue.length === 0) return;
    queue.shift();
    free.busy = true;
    pending.push(
      run(free).finally(() => {
        free.busy = false;
        dispatch();
      }),
    );
  };
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    queue.push(i);
    dispatch();
  }
  while (queue.length || v.clients.some((c) => c.busy)) {
    await Promise.all(pending.splice(0));
    dispatch();
  }
  const after = v.clients.map((c) => cpu(c.pid));
  await new Promise((resolve) => setTimeout(resolve, 1200)); // statistics reach the shared views when a backend goes idle
  const statsAfter = await stats(v);
  const user = after.reduce((s, a, k) => s + a.user - before[k].user, 0);
  const system = after.reduce((s, a, k) => s + a.system - before[k].system, 0);
  const onCpu = after.reduce((s, a, k) => s + a.onCpu - before[k].onCpu, 0);
  const d = (k) => (statsAfter[k] - statsBefore[k]) / total;
  v.rounds.push({ cpu: (onCpu * 1000) / total, user: (user * 1000) / total, system: (system * 1000) / total, execUs: d('exec') * 1000, walRecords: d('walRecords'), walBytes: d('walBytes') });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  if (!SERVER_URL) throw new Error('CLAIM_DATABASE_URL: a server with pg_stat_statements in shared_preload_libraries');
  const admin = new Client({ connectionString: SERVER_URL });
  await admin.connect();
  const loaded = await admin.query(`SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements'`);
  if (loaded.rows.length === 0) await admin.query('CREATE EXTENSION pg_stat_statements');
  const template = await createDatabase(SERVER_URL, 'otc_pgcpu_tpl');
  const variants = [];
  try {
    const dataSource = new DataSource({ type: 'postgres', url: template.url, migrations: MIGRATIONS });
    await dataSource.initialize();
    await dataSource.runMigrations();
    await dataSource.destroy();
    const db = new Client({ connectionString: template.url });
    await db.connect();
    const { rows: [{ id: tokenId }] } = await db.query(
      `INSERT INTO token (name, short_id, secret_hash, policy, policy_version) VALUES ('bench', 'b3nch000', md5('x') || md5('y'), '{}', 1) RETURNING id`,
    );
    // History, as in a running system: attempts of the last week, settled, their requests known.
    await db.query(
      `INSERT INTO otp_activity (created_at, token_id, okta_event_id, okta_user_id, okta_login, request_type, channel, destination_masked, destination_hash, country,
                                 status, reason_code, description, flags, facts, latency_ms, verify_request_id, delivery_state, code_erase_at)
       SELECT now() - g * (interval '7 days' / $2), $1, 'hist-' || g, '00u' || lpad((g % 5000)::text, 17, '0'), 'user' || (g % 5000) || '@example.com', 'sms_verification',
              'SMS', '+44 **** ***123', md5(g::text) || md5((g % 40000)::text), 'GB', 'SUCCESS', 'DELIVERED', 'Delivered by SMS', '[]', '{"country":"GB"}', 40,
              md5(g::text), 'DELIVERED', now() - g * (interval '7 days' / $2) + interval '5 minutes'
         FROM generate_series(1, $2) AS g`,
      [tokenId, ROWS],
    );
    await db.query(`INSERT INTO verify_request_attempt (verify_request_id, activity_id) SELECT verify_request_id, id FROM otp_activity`);
    await db.query('VACUUM ANALYZE');
    await db.end();
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [template.name]);

    for (const name of SELECTED) {
      if (!VARIANTS[name]) throw new Error(`unknown variant ${name}; known: ${Object.keys(VARIANTS).join(', ')}`);
      variants.push(await prepareVariant(template.name, name, VARIANTS[name]));
    }
    const stats = async (v) => {
      const { rows: [r] } = await admin.query(
        `SELECT coalesce(sum(total_exec_time), 0) AS exec, coalesce(sum(wal_records), 0) AS wal_records, coalesce(sum(wal_bytes), 0) AS wal_bytes
           FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = $1 AND s.query NOT LIKE '%pg_backend_pid%'`,
        [v.db.name],
      );
      return { exec: Number(r.exec), walRecords: Number(r.wal_records), walBytes: Number(r.wal_bytes) };
    };
    // A first short pass warms each copy (catalog caches, plans), unmeasured.
    for (const v of variants) {
      await round(v, stats);
      v.rounds = [];
    }
    for (let r = 0; r < ROUNDS; r++) for (const v of r % 2 ? [...variants].reverse() : variants) await round(v, stats);

    const base = variants[0];
    const baseCpu = base.rounds.map((x) => x.cpu);
    console.log(`claim + journalled completion at ${RATE} OTP/s over ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s per variant, ${ROWS} rows before; per OTP, medians:`);
    console.table(
      variants.map((v) => {
        const cpus = v.rounds.map((x) => x.cpu);
        return {
          variant: v.name,
          'backend CPU µs': Math.round(median(cpus)),
          'user/system (ticks)': `${Math.round(median(v.rounds.map((x) => x.user)))}/${Math.round(median(v.rounds.map((x) => x.system)))}`,
          'ratio (per round)': `${median(cpus.map((c, k) => c / baseCpu[k])).toFixed(2)}x (${cpus.map((c, k) => (c / baseCpu[k]).toFixed(2)).join(' ')})`,
          'exec µs': Math.round(median(v.rounds.map((x) => x.execUs))),
          'exec ratio': `${(median(v.rounds.map((x) => x.execUs)) / median(base.rounds.map((x) => x.execUs))).toFixed(2)}x`,
          'WAL records': median(v.rounds.map((x) => x.walRecords)).toFixed(1),
          'WAL bytes': Math.round(median(v.rounds.map((x) => x.walBytes))),
        };
      }),
    );
  } finally {
    for (const v of variants) {
      await Promise.all(v.clients.map((c) => c.client.end().catch(() => undefined)));
      await v.db.drop().catch(() => undefined);
    }
    await template.drop().catch(() => undefined);
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


