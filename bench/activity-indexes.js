#!/usr/bin/env node
'use strict';
// Which otp_activity index each query uses, and what a sweep poll costs, on a large table: EXPLAIN
// (ANALYZE, BUFFERS) of every query that reads otp_activity by something other than its primary key
// (the sweeps as the connector runs them, inside a rolled-back transaction), and the two sweeps'
// polls with nothing due, timed. Every index left on otp_activity names only columns a completion,
// a status callback or a conversion never changes (so those are HOT updates), but the partial index
// of SHADOW findings, whose predicate reads the flags.
// Run after `npx nx run api:build`: `node bench/activity-indexes.js`. Env: DATABASE_URL (server; a fresh
// database is created and dropped; default postgres://postgres@127.0.0.1:5432/postgres), ROWS (1,000,000).

const { join } = require('path');
const { Client } = require('pg');
const { DataSource } = require('typeorm');
const { createDatabase } = require('./support/live-connector');

const root = join(__dirname, '..');
const { MIGRATIONS } = require(join(root, 'dist/apps/api/database/migrations/index.js'));
const SERVER_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const ROWS = Number(process.env.ROWS || 1_000_000);
// Codes still stored and not yet due, as between two polls in production (the sweep erased the rest).
const LIVE_CODES = 20_000;

const { SWEEP_STATEMENTS } = require(join(root, 'dist/apps/api/delivery/activity-sweep.repository.js'));
const { SHADOW_FINDING } = require(join(root, 'dist/apps/api/delivery/activity-counts.repository.js'));
const { outcomeInSql } = require(join(root, 'dist/apps/api/delivery/activity-outcome.sql.js'));

// The sweeps' parameters as the connector passes them: their bound, rows per pass, (interrupted) the clock skew allowed, the description.
const EXPIRY_SWEEP = [SWEEP_STATEMENTS.claimExpired, () => [new Date(), 1000]];
const INTERRUPTED_SWEEP = [SWEEP_STATEMENTS.interruptStale, () => [new Date(Date.now() - 5000), 1000, '10000 milliseconds', 'Interrupted']];

const QUERIES = {
  'expiry sweep (ix_otp_activity_code_erase from its watermark)': EXPIRY_SWEEP,
  'interrupted sweep (ix_otp_activity_created_id from its watermark)': INTERRUPTED_SWEEP,
  'repeated Okta call (uq_otp_activity_event)': `SELECT id FROM otp_activity WHERE token_id = $1 AND okta_event_id = 'bench-500' AND fallback_of IS NULL`,
  'voice fallback of an attempt (uq_otp_activity_fallback)': `SELECT id FROM otp_activity WHERE fallback_of = '00000000-0000-4000-8000-000000000000'`,
  'status callback (pk_verify_request_attempt, then pk_otp_activity)': `SELECT id FROM otp_activity a WHERE a.id = (SELECT activity_id FROM verify_request_attempt WHERE verify_request_id = md5('500'))`,
  'conversion candidate (ix_otp_activity_user_channel)': `SELECT id FROM otp_activity a WHERE a.okta_user_id = '00u500' AND a.channel = 'SMS' AND a.fallback_of IS NULL AND a.converted_at IS NULL AND a.created_at <= now() AND a.created_at >= now() - interval '1 day' AND (a.otp_expires_at IS NULL OR a.otp_expires_at >= now() - interval '1 minute') AND a.status <> 'BLOCKED' ORDER BY a.created_at DESC, a.id DESC LIMIT 1`,
  'activity page (ix_otp_activity_created_id, backwards)': `SELECT id FROM otp_activity a ORDER BY a.created_at DESC, a.id DESC LIMIT 50`,
  'activity page, status and channel filter (ix_otp_activity_created_id)': `SELECT id FROM otp_activity a WHERE a.status = 'FAILED' AND a.channel = 'SMS' ORDER BY a.created_at DESC, a.id DESC LIMIT 50`,
  'counter link "pending", the unfolded last two hours (ix_otp_activity_created_id)': `SELECT id FROM otp_activity a WHERE ${outcomeInSql(['PENDING'], 'a')} AND a.created_at >= now() - interval '2 hours' ORDER BY a.created_at DESC, a.id DESC LIMIT 50`,
  'activity page of one token (ix_otp_activity_token_created_id)': `SELECT id FROM otp_activity a WHERE a.token_id = $1 ORDER BY a.created_at DESC, a.id DESC LIMIT 50`,
  'search by number (ix_otp_activity_destination_created)': `SELECT id FROM otp_activity a WHERE a.destination_hash = (md5('500') || md5('500'))::char(64) ORDER BY a.created_at DESC, a.id DESC LIMIT 50`,
  'search by login (ix_otp_activity_login_created)': `SELECT id FROM otp_activity a WHERE (a.okta_user_id = 'user500@example.com' OR lower(a.okta_login) = lower('user500@example.com')) ORDER BY a.created_at DESC, a.id DESC LIMIT 50`,
  'fraud page, SHADOW findings of 30 days (ix_otp_activity_shadow_created)': `SELECT id FROM otp_activity a WHERE a.created_at >= now() - interval '30 days' AND a.flags @? ${SHADOW_FINDING} ORDER BY a.created_at DESC LIMIT 200`,
  'dashboard counters, the unfolded last two hours (ix_otp_activity_created_id)': `SELECT channel, count(*), count(*) FILTER (WHERE status = 'SUCCESS') FROM otp_activity WHERE created_at >= now() - interval '2 hours' GROUP BY channel`,
};

async function timeQuery(db, sql, values, samples) {
  await db.query(sql, values());
  const times = [];
  for (let i = 0; i < samples; i++) {
    const started = process.hrtime.bigint();
    await db.query(sql, values());
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(samples / 2)];
}

async function main() {
  const database = await createDatabase(SERVER_URL, 'otc_indexes');
  const dataSource = new DataSource({ type: 'postgres', url: database.url, migrations: MIGRATIONS });
  const db = new Client({ connectionString: database.url });
  try {
    await dataSource.initialize();
    await dataSource.runMigrations();
    await dataSource.destroy();
    await db.connect();
    const [{ id: tokenId }] = (
      await db.query(`INSERT INTO token (name, short_id, secret_hash, policy, policy_version) VALUES ('bench', 'b3nch000', md5('x') || md5('y'), '{}', 1) RETURNING id`)
    ).rows;
    await db.query(
      `INSERT INTO otp_activity (created_at, token_id, okta_event_id, okta_user_id, okta_login, channel, destination_masked, destination_hash, status, reason_code,
                                 verify_request_id, delivery_state, otp_expires_at, code_ciphertext, flags)
       SELECT now() - (g * (interval '90 days' / $2)), $1, 'bench-' || g, '00u' || (g % 50000), 'user' || (g % 50000) || '@example.com',
              CASE WHEN g % 5 = 0 THEN 'VOICE' ELSE 'SMS' END,
              '+44*******000', md5(g::text) || md5(g::text), (ARRAY['SUCCESS','SUCCESS','SUCCESS','FLAGGED','BLOCKED','FAILED'])[1 + g % 6], 'OK',
              CASE WHEN g % 6 < 4 THEN md5(g::text) END, CASE WHEN g % 6 < 4 THEN 'DELIVERED' END,
              CASE WHEN g <= $3 THEN now() + interval '1 hour' + g * interval '15 milliseconds' WHEN g % 50 <> 0 THEN now() - (g * (interval '90 days' / $2)) + interval '5 minutes' END,
              CASE WHEN g <= $3 THEN 'ciphertext' END,
              CASE WHEN g % 300 = 3 THEN '[{"code":"FRAUD_NUMBER_VELOCITY","detail":"SHADOW (delivered): would refuse this number"}]'::jsonb ELSE '[]'::jsonb END
         FROM generate_series(1, $2) AS g`,
      [tokenId, ROWS, LIVE_CODES],
    );
    // As the claim and the completion leave them: an erase time on every attempt, each request id in the look-up table,
    // and both sweeps' watermarks a minute back (as a running instance keeps them).
    await db.query(`UPDATE otp_activity SET code_erase_at = GREATEST(COALESCE(otp_expires_at, created_at + interval '15 minutes'), created_at + interval '1 minute')`);
    await db.query(`INSERT INTO verify_request_attempt (verify_request_id, activity_id) SELECT verify_request_id, id FROM otp_activity WHERE verify_request_id IS NOT NULL`);
    await db.query(`UPDATE activity_sweep_mark SET swept_until = now() - interval '1 minute'`);
    await db.query('VACUUM ANALYZE otp_activity');
    const { rows: indexes } = await db.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'otp_activity' ORDER BY 1`);
    console.log(`otp_activity: ${ROWS} rows, ${LIVE_CODES} with a stored code; ${indexes.length} indexes: ${indexes.map((i) => i.indexname).join(', ')}\n`);
    for (const [name, query] of Object.entries(QUERIES)) {
      const [sql, values] = Array.isArray(query) ? [query[0], query[1]()] : [query, query.includes('$1') ? [tokenId] : []];
      await db.query('BEGIN');
      const { rows } = await db.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, SUMMARY OFF) ${sql}`, values);
      await db.query('ROLLBACK');
      console.log(`-- ${name}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}\n`);
    }
    for (const [name, [sql, values]] of Object.entries({ 'expiry sweep': EXPIRY_SWEEP, 'interrupted sweep': INTERRUPTED_SWEEP })) {
      console.log(`${name}, one poll with nothing due, median of 11: ${(await timeQuery(db, sql, values, 11)).toFixed(2)} ms`);
    }
  } finally {
    await db.end().catch(() => undefined);
    await database.drop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
