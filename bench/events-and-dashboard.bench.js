#!/usr/bin/env node
'use strict';
// Event-hook ingestion rate and dashboard latency over a large history, each against a baseline
// measured in the same run (compare ratios, not absolute numbers).
// Run after `npx nx run api:build`: `node bench/events-and-dashboard.bench.js`
// Needs PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres): a fresh
// database is created for the run and dropped after. BENCH_ROWS (default 1,000,000) activity rows are
// inserted with one INSERT ... SELECT generate_series, spread over 90 days.

const { mkdtempSync, readFileSync, rmSync } = require('fs');
const { tmpdir } = require('os');
const { join } = require('path');
const { randomBytes, randomUUID } = require('crypto');
const { Client } = require('pg');

const root = join(__dirname, '..');
const dist = join(root, 'dist/apps/api');
const { createConnectorApp } = require(join(dist, 'create-app.js'));
const { loadConfig } = require(join(dist, 'config/load-config.js'));
const { TokensService } = require(join(dist, 'tokens/tokens.service.js'));
const { JobWorker } = require(join(dist, 'events/job-worker.js'));
const { ActivityRollupRepository, ROLLUP_LAG_MS } = require(join(dist, 'delivery/activity-rollup.repository.js'));

const SERVER_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const ROWS = Number(process.env.BENCH_ROWS || 1_000_000);
const DELIVERIES = Number(process.env.BENCH_DELIVERIES || 200);
const CONCURRENCY = 4;
const SAMPLES = Number(process.env.BENCH_SAMPLES || 100);
const SESSION = JSON.parse(readFileSync(join(root, 'apps/api/test/fixtures/okta/event-hook-delivery-user.session.start.okta-concepts-current.json'), 'utf8'));
const MFA = JSON.parse(readFileSync(join(root, 'apps/api/test/fixtures/okta/event-hook-delivery-auth_via_mfa.sms.built-from-okta-md.json'), 'utf8'));

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const ms = (n) => Math.round(n * 100) / 100;

async function timeEach(count, fn) {
  const times = [];
  for (let i = 0; i < count; i++) {
    const started = process.hrtime.bigint();
    await fn(i);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), mean: times.reduce((a, b) => a + b, 0) / times.length };
}

// A delivery of 100 System Log events: 90 session starts and 10 SMS sign-ins (which also queue conversion jobs).
function delivery(n) {
  const events = [];
  for (let i = 0; i < 100; i++) {
    const template = i % 10 === 0 ? MFA.data.events[0] : SESSION.data.events[0];
    events.push({ ...template, uuid: randomUUID(), published: new Date().toISOString(), actor: { ...template.actor, id: `00ubench${n}_${i}` } });
  }
  return JSON.stringify({ ...SESSION, eventId: randomUUID(), data: { events } });
}

async function main() {
  const dbName = `otc_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${dbName}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'otc-bench-'));
  const connector = await createConnectorApp(
    loadConfig({ DATA_DIR: dataDir, PORT: '0', DATABASE_URL: url.toString(), JWT_SECRET: 'x'.repeat(40), ENCRYPTION_KEY: 'y'.repeat(40), LOG_LEVEL: 'error' }),
    { logger: false },
  );
  const db = new Client({ connectionString: url.toString() });
  try {
    connector.app.get(JobWorker).stop(); // measure intake only
    await connector.app.listen(0, '127.0.0.1');
    const base = await connector.app.getUrl();
    const base4 = base.replace('[::1]', '127.0.0.1');
    const token = await connector.app.get(TokensService).create('bench', {});
    await db.connect();

    // 1. Event ingestion: batches of 100 against a SELECT 1 round trip and the bare challenge endpoint.
    const selectOne = await timeEach(500, () => db.query('SELECT 1'));
    const bare = await timeEach(500, () => fetch(`${base4}/v1/hooks/okta/events`, { headers: { 'x-okta-verification-challenge': 'x' } }).then((r) => r.text()));
    const bodies = Array.from({ length: DELIVERIES }, (_, i) => delivery(i));
    const post = (body) =>
      fetch(`${base4}/v1/hooks/okta/events`, { method: 'POST', headers: { authorization: token.tokenSecret, 'content-type': 'application/json' }, body }).then((r) => {
        if (r.status !== 204) throw new Error(`event hook answered ${r.status}`);
      });
    const oneAtATime = await timeEach(20, (i) => post(bodies[i]));
    let next = 20;
    const started = process.hrtime.bigint();
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => { while (next < bodies.length) await post(bodies[next++]); }));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const eventsPerSecond = ((bodies.length - 20) * 100) / seconds;

    // 2. Dashboard with a large history.
    const insertStarted = Date.now();
    // Two tokens, eleven places (three of them a fifth of the traffic each), every request kind: what the
    // fraud page's conversion by place groups by.
    const second = await connector.app.get(TokensService).create('bench-2', {});
    await db.query(
      `INSERT INTO otp_activity (created_at, token_id, okta_event_id, okta_user_id, request_type, country, channel, destination_masked, destination_hash, status, reason_code, description, latency_ms, verify_request_id, delivery_state, converted_at)
       SELECT now() - (g * (interval '90 days' / $3)), CASE WHEN g % 3 = 0 THEN $2::uuid ELSE $1::uuid END, 'bench-' || g, '00u' || (g % 50000),
              (ARRAY['com.okta.user.telephony.mfa-verification', 'com.okta.user.telephony.mfa-verification', 'com.okta.user.telephony.mfa-verification',
                     'com.okta.user.telephony.pre-enrollment', 'com.okta.user.telephony.password-reset', NULL])[1 + g % 6],
              (ARRAY['GB', 'US', 'FR', 'DE', 'UZ', 'NG', 'IN', 'BR', 'GB', 'US', 'GB'])[1 + g % 11],
              CASE WHEN g % 5 = 0 THEN 'VOICE' ELSE 'SMS' END,
              '+44*******' || lpad((g % 1000)::text, 3, '0'), md5(g::text) || md5(g::text),
              (ARRAY['SUCCESS','SUCCESS','SUCCESS','FLAGGED','BLOCKED','FAILED'])[1 + g % 6], 'DELIVERED', 'Sent through Vonage Verify.', 200 + g % 300,
              CASE WHEN g % 6 < 4 THEN md5(g::text) ELSE NULL END,
              CASE WHEN g % 6 < 4 THEN (ARRAY['DELIVERED','CONVERTED','PENDING','BLOCKED_BY_VONAGE'])[1 + g % 4] ELSE NULL END,
              CASE WHEN g % 6 < 4 AND g % 4 = 1 THEN now() - (g * (interval '90 days' / $3)) ELSE NULL END
         FROM generate_series(1, $3) AS g`,
      [token.id, second.id, ROWS],
    );
    await db.query('ANALYZE otp_activity');
    const insertSeconds = (Date.now() - insertStarted) / 1000;
    // What the job worker does once a minute in production: fold settled hours into the rollup.
    const rollupStarted = Date.now();
    // A run folds what it can in its budget (each statement inside the pool's timeout); the worker runs it again later.
    const rollupNow = new Date();
    const settled = Math.floor((rollupNow.getTime() - ROLLUP_LAG_MS) / 3600_000) * 3600_000;
    let rollupRuns = 0;
    while ((await connector.app.get(ActivityRollupRepository).rollUp(rollupNow)).getTime() < settled) rollupRuns++;
    rollupRuns++;
    const rollupSeconds = (Date.now() - rollupStarted) / 1000;

    const { config } = connector;
    const login = await fetch(`${base4}/v1/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ apiKey: config.sandboxCredentials.apiKey, apiSecret: config.sandboxCredentials.apiSecret }) });
    const { accessToken } = await login.json();
    const get = (path) => fetch(`${base4}${path}`, { headers: { authorization: `Bearer ${accessToken}` } }).then(async (r) => {
      if (r.status !== 200) throw new Error(`${path} answered ${r.status}: ${await r.text()}`);
      return r.arrayBuffer();
    });
    const health = await timeEach(SAMPLES, () => get('/health/live'));
    // Conversion by place straight after the first fold, before autovacuum has visited the rollup ...
    await get('/v1/admin/fraud/conversion?period=30d');
    const unvacuumed = await timeEach(SAMPLES, () => get('/v1/admin/fraud/conversion?period=30d'));
    // ... and after, as it runs from then on (the usage rollup asks autovacuum in every 1,000 rows): index-only scans need the visibility map.
    await db.query('VACUUM ANALYZE activity_hourly, activity_usage_hourly');
    const results = {};
    const paths = [
      '/v1/admin/dashboard?period=24h',
      '/v1/admin/dashboard?period=7d',
      '/v1/admin/dashboard?period=30d',
      '/v1/admin/fraud/conversion?period=24h',
      '/v1/admin/fraud/conversion?period=7d',
      '/v1/admin/fraud/conversion?period=30d',
      `/v1/admin/fraud/conversion?period=30d&tokenId=${second.id}`,
      '/v1/admin/activity?limit=50',
      '/v1/admin/activity?status=FAILED&channel=SMS&limit=50',
      '/v1/admin/auth-events?limit=50',
    ];
    for (const path of paths) {
      await get(path); // warm
      results[path] = await timeEach(SAMPLES, () => get(path));
    }

    const report = {
      ingestion: {
        baselineSelectOneMs: { p50: ms(selectOne.p50), p95: ms(selectOne.p95) },
        baselineBareEndpointMs: { p50: ms(bare.p50), p95: ms(bare.p95) },
        deliveryOf100Ms: { p50: ms(oneAtATime.p50), p95: ms(oneAtATime.p95) },
        ratioDeliveryToSelectOne: ms(oneAtATime.p50 / selectOne.p50),
        ratioDeliveryToBareEndpoint: ms(oneAtATime.p50 / bare.p50),
        eventsPerSecond: Math.round(eventsPerSecond),
        concurrency: CONCURRENCY,
      },
      dashboard: {
        rows: ROWS,
        insertSeconds: ms(insertSeconds),
        firstRollupSeconds: ms(rollupSeconds),
        firstRollupRuns: rollupRuns,
        baselineHealthLiveMs: { p50: ms(health.p50), p95: ms(health.p95) },
        endpoints: Object.fromEntries(
          Object.entries(results).map(([path, r]) => [path, { p50: ms(r.p50), p95: ms(r.p95), p95RatioToBaseline: ms(r.p95 / health.p95) }]),
        ),
        conversion30dBeforeAutovacuumMs: { p50: ms(unvacuumed.p50), p95: ms(unvacuumed.p95) },
        // Conversion by place against the dashboard's counters over the same period, in this run.
        conversionP95RatioToDashboard: Object.fromEntries(
          ['24h', '7d', '30d'].map((period) => [period, ms(results[`/v1/admin/fraud/conversion?period=${period}`].p95 / results[`/v1/admin/dashboard?period=${period}`].p95)]),
        ),
      },
    };
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await db.end().catch(() => undefined);
    await connector.close();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
