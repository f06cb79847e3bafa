'use strict';
// A large, realistic history for the dashboard benchmark, written straight into a migrated database
// with INSERT ... SELECT generate_series (about 10,000,000 attempts in a few minutes): 90 days of
// attempts spread unevenly over tokens, countries, channels and outcomes, Okta's events and the
// connector's conversion records beside them, and the fraud guard's refusals. The secondary indexes
// of the two big tables are dropped for the load and rebuilt from their own definitions afterwards
// (as a restore does), then the tables are vacuumed, as autovacuum would have done to old rows.

const DAY_MS = 86_400_000;
const HISTORY_DAYS = 90;
const USERS = 300_000;
const CHUNK = 1_000_000;

// Share of attempts per token (percent, cumulative): one big org, a tail of small ones.
const TOKEN_SHARES = [50, 70, 85, 93, 98, 100];

// Country of the number (percent, cumulative) and its dialling code, for the masked destination.
const COUNTRIES = [
  ['GB', 44, 30],
  ['US', 1, 55],
  ['DE', 49, 63],
  ['FR', 33, 70],
  ['IN', 91, 77],
  ['BR', 55, 82],
  ['ES', 34, 86],
  ['IT', 39, 89],
  ['NL', 31, 92],
  ['NG', 234, 95],
  ['ID', 62, 97],
  ['PH', 63, 100],
];

function caseOf(bucket, table, pick) {
  return `CASE ${table.map((row) => `WHEN ${bucket} < ${row[row.length - 1]} THEN ${pick(row)}`).join(' ')} END`;
}

/**
 * Per row g (1..n, oldest first, so the heap is in time order as live traffic leaves it):
 * h1..h6 are independent pseudo-random numbers 0..9999 derived from g.
 */
const activitySelect = (table) => `
  WITH r AS (
    SELECT g,
           abs(hashint8(g)) % 10000 AS h1, abs(hashint8(g # 7919)) % 10000 AS h2, abs(hashint8(g # 104729)) % 10000 AS h3,
           abs(hashint8(g # 1299709)) % 10000 AS h4, abs(hashint8(g # 15485863)) % ${USERS} AS u, abs(hashint8(g # 32452843)) % 10000 AS h6,
           $3::timestamptz + (g - 1) * ($4::interval / $2) AS at
      FROM generate_series($5::bigint, $6::bigint) AS g
  ), k AS (
    SELECT r.*,
           ($1::uuid[])[${caseOf('h2 / 100', TOKEN_SHARES.map((share, i) => [i + 1, share]), ([i]) => i)}] AS token_id,
           CASE WHEN h3 % 100 < 12 THEN 'VOICE' ELSE 'SMS' END AS channel,
           ${caseOf('h4 / 100', COUNTRIES, ([code]) => `'${code}'`)} AS country,
           ${caseOf('h4 / 100', COUNTRIES, ([, dial]) => `'+${dial}'`)} AS dial,
           -- outcome class: 3 % refused by policy, 1.5 % by the fraud guard, 3 % failed at Vonage,
           -- 6 % delivered with flags (a twentieth of them SHADOW findings), the rest delivered
           CASE WHEN h1 % 1000 < 30 THEN 'POLICY' WHEN h1 % 1000 < 45 THEN 'FRAUD' WHEN h1 % 1000 < 75 THEN 'FAILED'
                WHEN h1 % 1000 < 135 THEN 'FLAGGED' ELSE 'SENT' END AS class
      FROM r
  )
  INSERT INTO ${table} (created_at, token_id, okta_event_id, okta_user_id, okta_login, request_type, channel, destination_masked,
                            destination_hash, country, status, reason_code, description, flags, facts, latency_ms, verify_request_id,
                            delivery_state, otp_expires_at, converted_at)
  SELECT at, token_id, 'gen-' || g, '00u' || lpad(u::text, 17, '0'), 'user' || u || '@example.com',
         CASE WHEN h6 % 20 = 0 THEN 'com.okta.user.telephony.pre-enrollment' ELSE 'com.okta.user.telephony.mfa-verification' END,
         channel, dial || '*******' || lpad((u % 1000)::text, 3, '0'), md5('n' || u) || md5('m' || u), country,
         CASE class WHEN 'POLICY' THEN 'BLOCKED' WHEN 'FRAUD' THEN 'BLOCKED' WHEN 'FAILED' THEN 'FAILED' WHEN 'FLAGGED' THEN 'FLAGGED' ELSE 'SUCCESS' END,
         CASE class
           WHEN 'POLICY' THEN (ARRAY['COUNTRY_NOT_ALLOWED', 'NETWORK_TYPE_NOT_ALLOWED', 'RATE_LIMITED', 'INVALID_NUMBER'])[1 + h6 % 4]
           WHEN 'FRAUD' THEN (ARRAY['FRAUD_BLOCK_VELOCITY', 'FRAUD_PREFIX_UNCONVERTED', 'FRAUD_IP_VELOCITY', 'FRAUD_USER_VELOCITY'])[1 + h6 % 4]
           WHEN 'FAILED' THEN (ARRAY['VONAGE_REJECTED', 'VONAGE_UNAVAILABLE', 'VONAGE_THROTTLED'])[1 + h6 % 3]
           WHEN 'FLAGGED' THEN (ARRAY['INSIGHTS_UNAVAILABLE', 'CARRIER_UNKNOWN', 'NETWORK_TYPE_NOT_ALLOWED'])[1 + h6 % 3]
           ELSE 'DELIVERED' END,
         CASE class WHEN 'SENT' THEN 'Sent through Vonage Verify.' ELSE 'Screening result recorded by the benchmark history generator.' END,
         CASE WHEN class = 'FLAGGED' AND h6 % 20 = 0
              THEN jsonb_build_array(jsonb_build_object('code', 'FRAUD_BLOCK_VELOCITY', 'detail', 'SHADOW (delivered): would refuse block ' || dial || ' 7400: 41 sends, 0 converted'))
              WHEN class = 'FLAGGED' THEN jsonb_build_array(jsonb_build_object('code', 'INSIGHTS_UNAVAILABLE', 'detail', 'timeout'))
              ELSE '[]'::jsonb END,
         jsonb_build_object('country', country, 'networkType', 'MOBILE', 'carrier', NULL, 'insightsMs', NULL),
         150 + h6 % 400,
         CASE WHEN class IN ('SENT', 'FLAGGED') THEN md5('v' || g) END,
         CASE WHEN class IN ('SENT', 'FLAGGED') THEN
           CASE WHEN h3 / 100 < 62 THEN 'CONVERTED' WHEN h3 / 100 < 88 THEN 'EXPIRED' WHEN h3 / 100 < 95 THEN 'DELIVERED'
                WHEN h3 / 100 < 99 THEN 'FAILED' ELSE 'BLOCKED_BY_VONAGE' END END,
         at + interval '5 minutes',
         CASE WHEN class IN ('SENT', 'FLAGGED') AND h3 / 100 < 62 THEN at + (20 + h6 % 100) * interval '1 second' END
    FROM k`;

const AUTH_EVENT_SELECT = `
  WITH r AS (
    SELECT g, abs(hashint8(g # 49979687)) % 10000 AS h1, abs(hashint8(g # 86028121)) % ${USERS} AS u, abs(hashint8(g # 7)) % 100 AS t,
           $3::timestamptz + (g - 1) * ($4::interval / $2) AS at
      FROM generate_series($5::bigint, $6::bigint) AS g
  )
  INSERT INTO auth_event (token_id, event_uuid, published, received_at, event_type, factor, outcome, okta_user_id, request_id, reason)
  SELECT ($1::uuid[])[${caseOf('t', TOKEN_SHARES.map((share, i) => [i + 1, share]), ([i]) => i)}],
         CASE WHEN h1 % 100 < 15 THEN 'conversion:' ELSE '' END || md5('e' || g),
         at, at + interval '2 seconds',
         CASE WHEN h1 % 100 < 15 THEN 'connector.conversion' WHEN h1 % 100 < 75 THEN 'user.authentication.auth_via_mfa'
              WHEN h1 % 100 < 92 THEN 'user.session.start' ELSE 'user.authentication.sso' END,
         CASE WHEN h1 % 100 < 15 THEN 'CONVERSION' WHEN h1 % 100 < 55 THEN 'SMS_FACTOR' WHEN h1 % 100 < 62 THEN 'CALL_FACTOR'
              WHEN h1 % 100 < 75 THEN 'OKTA_VERIFY_PUSH' END,
         CASE WHEN h1 % 100 < 15 THEN (ARRAY['SUCCESS', 'SUCCESS', 'SUCCESS', 'FAILURE', 'UNMATCHED'])[1 + h1 % 5]
              WHEN h1 % 50 = 0 THEN 'FAILURE' ELSE 'SUCCESS' END,
         '00u' || lpad(u::text, 17, '0'), md5('q' || g),
         CASE WHEN h1 % 100 < 15 THEN 'Verify check completed for request ' || md5('v' || g) END
    FROM r`;

async function secondaryIndexes(db, table) {
  const { rows } = await db.query(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
      WHERE i.tablename = $1 AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [table],
  );
  return rows;
}

async function loadWithoutIndexes(db, table, sql, params, total, last, from, log) {
  const indexes = await secondaryIndexes(db, table);
  for (const { indexname } of indexes) await db.query(`DROP INDEX ${indexname}`);
  for (let first = 1; first <= last; first += CHUNK) {
    const end = Math.min(last, first + CHUNK - 1);
    await db.query(sql, [...params, total, from, `${HISTORY_DAYS} days`, first, end]);
    log(`${table}: ${end.toLocaleString('en')} of ${total.toLocaleString('en')} rows`);
  }
  for (const { indexname, indexdef } of indexes) {
    await db.query(indexdef);
    log(`${table}: rebuilt ${indexname}`);
  }
}

/**
 * The last 25 hours as live traffic leaves them: each attempt inserted PENDING and then settled by an
 * update (with every index in place), and not vacuumed since, so reads of recent hours meet what they
 * meet in production: fresh heap pages, dead row versions, no all-visible bits.
 */
async function writeAsLiveTraffic(db, tokenIds, total, from, first, last, log) {
  await db.query(`CREATE TEMP TABLE recent_final (LIKE otp_activity INCLUDING DEFAULTS)`);
  await db.query(activitySelect('recent_final'), [tokenIds, total, from, `${HISTORY_DAYS} days`, first, last]);
  await db.query(
    `INSERT INTO otp_activity (id, created_at, token_id, okta_event_id, okta_user_id, okta_login, request_type, channel, destination_masked,
                              destination_hash, country, status, reason_code, description, flags, facts, latency_ms, otp_expires_at)
     SELECT id, created_at, token_id, okta_event_id, okta_user_id, okta_login, request_type, channel, destination_masked,
            destination_hash, country, 'PENDING', 'DELIVERED', 'Screening and sending', '[]', facts, 0, otp_expires_at
       FROM recent_final ORDER BY created_at`,
  );
  await db.query(
    `UPDATE otp_activity a
        SET status = f.status, reason_code = f.reason_code, description = f.description, flags = f.flags, latency_ms = f.latency_ms,
            verify_request_id = f.verify_request_id, delivery_state = f.delivery_state, converted_at = f.converted_at
       FROM recent_final f WHERE a.id = f.id`,
  );
  const { rows } = await db.query('SELECT count(*) AS n FROM recent_final');
  await db.query('DROP TABLE recent_final');
  log(`otp_activity: ${Number(rows[0].n).toLocaleString('en')} attempts written as live traffic`);
}

/**
 * Writes `activityRows` attempts and `authEventRows` events over the last 90 days into a migrated
 * database; `tokenIds` are six token ids (largest share first).
 */
async function writeHistory(db, { tokenIds, activityRows, authEventRows, log }) {
  if (tokenIds.length !== TOKEN_SHARES.length) throw new Error(`writeHistory needs ${TOKEN_SHARES.length} tokens`);
  await db.query(`SET maintenance_work_mem = '512MB'`);
  await db.query(`SET synchronous_commit = off`);
  // Attempts older than 25 hours are bulk-loaded and vacuumed; the rest arrives as live traffic, after.
  const from = new Date(Date.now() - HISTORY_DAYS * DAY_MS);
  const recentFirst = Math.floor(activityRows * (1 - 25 / (HISTORY_DAYS * 24))) + 1;
  await loadWithoutIndexes(db, 'otp_activity', activitySelect('otp_activity'), [tokenIds], activityRows, recentFirst - 1, from, log);
  await loadWithoutIndexes(db, 'auth_event', AUTH_EVENT_SELECT, [tokenIds], authEventRows, authEventRows, from, log);
  await db.query(
    `INSERT INTO fraud_refusal (token_id, scope_kind, scope_key, scope_label, reason_code, evidence, level, since, until, requests_stopped, lifted_at)
     SELECT ($1::uuid[])[1 + g % 3], (ARRAY['BLOCK', 'PREFIX', 'NUMBER', 'IP'])[1 + g % 4], 'k' || g, '+44 7400 ' || g, 'FRAUD_BLOCK_VELOCITY',
            'sends without conversions', 1 + g % 3, now() - g * interval '30 minutes', now() - g * interval '30 minutes' + interval '2 hours', g % 40,
            CASE WHEN g % 10 = 0 THEN now() - g * interval '30 minutes' + interval '1 hour' END
       FROM generate_series(1, 4000) AS g`,
    [tokenIds],
  );
  log('vacuum analyze');
  await db.query('VACUUM ANALYZE otp_activity');
  await db.query('VACUUM ANALYZE auth_event');
  await db.query('VACUUM ANALYZE fraud_refusal');
  await writeAsLiveTraffic(db, tokenIds, activityRows, from, recentFirst, activityRows, log);
  await db.query('ANALYZE otp_activity');
  await db.query(`CREATE TABLE bench_history (started_at timestamptz NOT NULL, rows bigint NOT NULL, last_row bigint NOT NULL)`);
  await db.query(`INSERT INTO bench_history VALUES ($1, $2, $2)`, [from, activityRows]);
}

/**
 * Continues the history's traffic up to now (as live traffic), so the hour before a measurement has
 * its share of attempts however long ago the history was written. Returns how many were added.
 */
async function topUpHistory(db, tokenIds, log) {
  const [h] = (await db.query('SELECT started_at, rows, last_row FROM bench_history')).rows;
  const stepMs = (HISTORY_DAYS * DAY_MS) / Number(h.rows);
  const upTo = Math.floor((Date.now() - new Date(h.started_at).getTime()) / stepMs) + 1;
  if (upTo <= Number(h.last_row)) return 0;
  await writeAsLiveTraffic(db, tokenIds, Number(h.rows), new Date(h.started_at), Number(h.last_row) + 1, upTo, log);
  await db.query('UPDATE bench_history SET last_row = $1', [upTo]);
  return upTo - Number(h.last_row);
}

module.exports = { topUpHistory, writeHistory, TOKEN_SHARES, USERS };
