#!/usr/bin/env node
'use strict';
// What the claim's insert spends on the key to `token` and on each otp_activity index, one statement
// at a time: EXPLAIN (ANALYZE, WAL, BUFFERS) of the claim on a migrated schema with 100,000 attempts,
// as migrated (BENCH_DIST's migrations), without the token key, then without the key and one index
// at a time (dropped, measured, recreated); median over 101 claims of the insert node's time and of
// the key's trigger. Pages were touched since the last checkpoint, so no full-page image is counted.
// Single connection, no concurrency: the locks the key takes when claims overlap (multixacts) are
// not in these figures; bench:claim measures those.
// Run after `npx nx run api:build`: `CLAIM_DATABASE_URL=postgres://postgres@127.0.0.1:55432/postgres node bench/claim-explain.js`.

const { join } = require('path');
const { Client } = require('pg');
const { DataSource } = require('typeorm');

const DIST = process.env.BENCH_DIST || join(__dirname, '..', 'dist/apps/api');
const { MIGRATIONS } = require(join(DIST, 'database/migrations/index.js'));
const SERVER_URL = process.env.CLAIM_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

(async () => {
  const admin = new Client({ connectionString: SERVER_URL });
  await admin.connect();
  const name = `otc_claim_explain_${process.pid}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const target = new URL(SERVER_URL);
  target.pathname = `/${name}`;
  const url = target.toString();
  const ds = new DataSource({ type: 'postgres', url, migrations: MIGRATIONS });
  await ds.initialize(); await ds.runMigrations(); await ds.destroy();
  const db = new Client({ connectionString: url }); await db.connect();
  const { rows: [{ id: tokenId }] } = await db.query(`INSERT INTO token (name, short_id, secret_hash, policy, policy_version) VALUES ('bench', 'b3nch000', md5('x') || md5('y'), '{}', 1) RETURNING id`);
  await db.query(`INSERT INTO otp_activity (created_at, token_id, okta_event_id, okta_user_id, okta_login, channel, destination_masked, destination_hash, status, reason_code, description, flags, facts, latency_ms, code_erase_at)
    SELECT now() - g * interval '1 second', $1, 'h-' || g, '00u' || (g % 5000), 'user' || (g % 5000) || '@example.com', 'SMS', '+44', md5(g::text) || md5(g::text), 'SUCCESS', 'DELIVERED', '', '[]', '{}', 0, now() FROM generate_series(1, 100000) g`, [tokenId]);
  await db.query('VACUUM ANALYZE otp_activity');
  await db.query('CHECKPOINT');
  const claim = (i) => `EXPLAIN (ANALYZE, WAL, BUFFERS, COSTS OFF, SUMMARY OFF) INSERT INTO otp_activity (created_at, token_id, okta_event_id, okta_user_id, okta_login, request_type, channel, destination_masked, destination_hash, country, status, reason_code, description, flags, facts, latency_ms, otp_expires_at, code_erase_at)
    VALUES (now(), '${tokenId}', 'x-${i}', '00u${i % 5000}', 'user${i % 5000}@example.com', 'sms', 'SMS', '+44', md5('${i}x') || md5('${i}'), 'GB', 'PENDING', 'DELIVERED', 'Screening and sending', '[]', '{"country":"GB"}', 0, now() + interval '5 minutes', now() + interval '5 minutes') ON CONFLICT DO NOTHING RETURNING id`;
  const { rows: defs } = await db.query(`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'otp_activity' AND indexname NOT IN ('pk_otp_activity', 'uq_otp_activity_event', 'uq_otp_activity_fallback', 'ix_otp_activity_shadow_created') ORDER BY 1`);
  const variants = ['with key', 'without key', ...defs.map((d) => `without key, without ${d.indexname}`)];
  let dropped = null;
  const hasKey = (await db.query(`SELECT 1 FROM pg_constraint WHERE conname = 'fk_otp_activity_token'`)).rows.length > 0;
  for (const variant of hasKey ? variants : variants.slice(1)) {
    if (variant === 'without key' && hasKey) await db.query('ALTER TABLE otp_activity DROP CONSTRAINT fk_otp_activity_token');
    if (dropped) await db.query(dropped.indexdef);
    dropped = defs.find((d) => variant.endsWith(`without ${d.indexname}`)) ?? null;
    if (dropped) await db.query(`DROP INDEX ${dropped.indexname}`);
    for (let i = 0; i < 50; i++) await db.query(claim(`${variant}-${i}-warm`));
    await db.query('CHECKPOINT');
    for (let i = 0; i < 60; i++) await db.query(claim(`${variant}-${i}-warm2`)); // pages touched since the checkpoint: no full-page images below
    const { rows } = await db.query(claim(`${variant}-shown`));
    if (!dropped) console.log(`-- claim, ${variant}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}\n`);
    const ins = [], trig = [];
    for (let i = 0; i < 101; i++) {
      const { rows: r } = await db.query(claim(`${variant}-${i}-m`));
      const text = r.map((x) => x['QUERY PLAN']).join('\n');
      ins.push(Number(/Insert on otp_activity \(actual time=[0-9.]+\.\.([0-9.]+)/.exec(text)[1]));
      trig.push(Number((/fk_otp_activity_token: time=([0-9.]+)/.exec(text) || [0, 0])[1]));
    }
    const med = (xs) => xs.sort((a, b) => a - b)[50];
    console.log(`${variant}: median of 101: insert ${med(ins)} ms, token key check ${med(trig)} ms`);
  }
  await db.end();
  await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
  await admin.end();
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
