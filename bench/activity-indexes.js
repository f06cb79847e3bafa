#!/usr/bin/env node
'use strict';
// Which otp_activity index each query uses, and what the expiry sweep costs per poll, on a large table:
// EXPLAIN (ANALYZE, BUFFERS) of every query that reads otp_activity by something other than its primary
// key, and the sweep's query before (one OR over codes with and without an expiry) and now (one partial
// index each), timed against the same data in one run.
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

const QUERIES = {
  'expiry sweep, codes with an expiry (ix_otp_activity_live_code)': `SELECT id FROM otp_activity WHERE code_ciphertext IS NOT NULL AND otp_expires_at < now() ORDER BY otp_expires_at LIMIT 200 FOR UPDATE SKIP LOCKED`,
  'expiry sweep, codes without an expiry (ix_otp_activity_live_code_untimed)': `SELECT id FROM otp_activity WHERE code_ciphertext IS NOT NULL AND otp_expires_at IS NULL AND created_at < now() - interval '1 hour' ORDER BY created_at LIMIT 200 FOR UPDATE SKIP LOCKED`,
  'interrupted sweep (ix_otp_activity_pending_created)': `SELECT id FROM otp_activity WHERE status = 'PENDING' AND created_at < now() - interval '1 minute' ORDER BY created_at LIMIT 100 FOR UPDATE SKIP LOCKED`,
  'repeated Okta call (uq_otp_activity_event)': `SELECT id FROM otp_activity WHERE token_id = $1 AND okta_event_id = 'bench-500' AND fallback_of IS NULL`,
  'voice fallback of an attempt (uq_otp_activity_fallback)': `SELECT id FROM otp_activity WHERE fallback_of = '00000000-0000-4000-8000-000000000000'`,
  'status callback (ix_otp_activity_verify_request)': `SELECT id FROM otp_activity WHERE verify_request_id = md5('500')`,
  'conversion candidate (ix_otp_activity_user_channel)': `SELECT id FROM otp_activity a WHERE a.okta_user_id = '00u500' AND a.channel = 'SMS' AND a.fallback_of IS NULL AND a.converted_at IS NULL AND a.created_at <= now() AND a.created_at >= now() - interval '1 day' AND (a.otp_expires_at IS NULL OR a.otp_expires_at >= now() - interval '1 minute') AND a.status <> 'BLOCKED' ORDER BY a.created_at DESC, a.id DESC LIMIT 1`,
  'activity page (ix_otp_activity_created_counts, backwards)': `SELECT id FROM otp_activity a ORDER BY a.created_at DESC, a.id DESC LIMIT 50`,
  'activity page, status and channel filter (ix_otp_activity_created_counts)': `SELECT id FROM otp_activity a WHERE a.status = 'FAILED' AND a.channel = 'SMS' ORDER BY a.created_at DESC, a.id DESC LIMIT 50`,
  'activity page of one token (ix_otp_activity_token_created_id)': `SELECT id FROM otp_activity a WHERE a.token_id = $1 ORDER BY a.created_at DESC, a.id DESC LIMIT 50`,
  'dashboard counters, last 24 h (ix_otp_activity_created_counts, index only)': `SELECT channel, count(*), count(*) FILTER (WHERE status = 'SUCCESS') FROM otp_activity WHERE created_at >= now() - interval '24 hours' GROUP BY channel`,
};

const OLD_SWEEP = `SELECT id FROM otp_activity WHERE code_ciphertext IS NOT NULL AND (otp_expires_at < now() OR (otp_expires_at IS NULL AND created_at < now() - interval '1 hour')) ORDER BY otp_expires_at LIMIT 200`;
const NEW_SWEEP = `SELECT id FROM otp_activity WHERE code_ciphertext IS NOT NULL AND otp_expires_at < now() ORDER BY otp_expires_at LIMIT 200) UNION ALL (SELECT id FROM otp_activity WHERE code_ciphertext IS NOT NULL AND otp_expires_at IS NULL AND created_at < now() - interval '1 hour' ORDER BY created_at LIMIT 200`;

async function timeQuery(db, sql, samples) {
  const times = [];
  for (let i = 0; i < samples; i++) {
    const started = process.hrtime.bigint();
    await db.query(sql);
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
      `INSERT INTO otp_activity (created_at, token_id, okta_event_id, okta_user_id, channel, destination_masked, destination_hash, status, reason_code,
                                 verify_request_id, delivery_state, otp_expires_at, code_ciphertext)
       SELECT now() - (g * (interval '90 days' / $2)), $1, 'bench-' || g, '00u' || (g % 50000), CASE WHEN g % 5 = 0 THEN 'VOICE' ELSE 'SMS' END,
              '+44*******000', md5(g::text) || md5(g::text), (ARRAY['SUCCESS','SUCCESS','SUCCESS','FLAGGED','BLOCKED','FAILED'])[1 + g % 6], 'OK',
              CASE WHEN g % 6 < 4 THEN md5(g::text) END, CASE WHEN g % 6 < 4 THEN 'DELIVERED' END,
              CASE WHEN g <= $3 THEN now() + interval '1 hour' + g * interval '15 milliseconds' WHEN g % 50 <> 0 THEN now() - (g * (interval '90 days' / $2)) + interval '5 minutes' END,
              CASE WHEN g <= $3 THEN 'ciphertext' END
         FROM generate_series(1, $2) AS g`,
      [tokenId, ROWS, LIVE_CODES],
    );
    await db.query('VACUUM ANALYZE otp_activity');
    const { rows: indexes } = await db.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'otp_activity' ORDER BY 1`);
    console.log(`otp_activity: ${ROWS} rows, ${LIVE_CODES} with a stored code; ${indexes.length} indexes: ${indexes.map((i) => i.indexname).join(', ')}\n`);
    for (const [name, sql] of Object.entries(QUERIES)) {
      const params = sql.includes('$1') ? [tokenId] : [];
      await db.query('BEGIN');
      const { rows } = await db.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, SUMMARY OFF) ${sql}`, params);
      await db.query('ROLLBACK');
      console.log(`-- ${name}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}\n`);
    }
    const before = await timeQuery(db, OLD_SWEEP, 11);
    const after = await timeQuery(db, `(${NEW_SWEEP})`, 11);
    console.log(`expiry sweep poll with nothing due, median of 11: OR query ${before.toFixed(2)} ms, one partial index each ${after.toFixed(2)} ms: ${(after / before).toFixed(4)}x`);
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
