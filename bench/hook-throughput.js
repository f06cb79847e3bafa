#!/usr/bin/env node
'use strict';
// Throughput of the Okta telephony hook against a bare endpoint of the same app, in one run
// (DESIGN.md §6: connector overhead is "a few milliseconds"; compare ratios, not absolute numbers).
// Run after `npx nx run api:build`: `node bench/hook-throughput.js` (BENCH_SECONDS=3 for a short run).
// Sandbox mode: the Vonage simulator is in-process with no added latency, so the hook's figures are
// connector + simulator work, with Insights (format + original carrier) and Verify on every call.

const { mkdtempSync, rmSync, readFileSync } = require('fs');
const { tmpdir } = require('os');
const { join } = require('path');
const autocannon = require('autocannon');

const root = join(__dirname, '..');
const dist = join(root, 'dist/apps/api/apps/api/src');
const { createConnectorApp } = require(join(dist, 'create-app.js'));
const { loadConfig } = require(join(dist, 'config/load-config.js'));
const { TokensService } = require(join(dist, 'tokens/tokens.service.js'));
const { defaultPolicy } = require(join(root, 'dist/apps/api/libs/contracts/src/policy.js'));
const { DataSource } = require('typeorm');

const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 20);
const WARMUP_SECONDS = Math.min(2, Math.max(1, Math.round(SECONDS / 5)));
const OKTA_REQUEST = JSON.parse(
  readFileSync(join(root, 'apps/api/test/fixtures/okta/telephony-request-pre-enrollment.okta-legacy-reference.json'), 'utf8'),
);

// Valid UK mobiles +447400 AA 1 BBB: the last four digits (1xxx) trigger no simulator scenario,
// and 100,000 distinct numbers keep Verify's one-active-request-per-number rule out of the run.
let sequence = 0;
function nextNumber() {
  const n = sequence++ % 100000;
  return `+447400${String(Math.floor(n / 1000)).padStart(2, '0')}1${String(n % 1000).padStart(3, '0')}`;
}

function hookBody() {
  const body = structuredClone(OKTA_REQUEST);
  body.eventId = `bench-${process.pid}-${sequence}-${Math.random().toString(36).slice(2, 10)}`;
  body.data.messageProfile.phoneNumber = nextNumber();
  body.data.messageProfile.otpCode = String(100000 + (sequence % 900000));
  return JSON.stringify(body);
}

function run(options) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, ...options }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

function summary(name, result) {
  return {
    name,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'otc-bench-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    JWT_SECRET: process.env.JWT_SECRET || 'bench-jwt-secret-'.padEnd(40, 'j'),
    ENCRYPTION_KEY: process.env.ENCRYPTION_KEY || 'bench-encryption-key-'.padEnd(40, 'e'),
    LOG_LEVEL: 'error',
    // The per-token hook throttle (default 50/s) would turn the run into a 429 test.
    HOOK_THROTTLE_PER_SECOND: '100000',
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
  });
  const connector = await createConnectorApp(config, { logger: false });
  try {
    connector.simulator.setLatency(0);
    await connector.app.listen(0, '127.0.0.1');
    const baseUrl = await connector.app.getUrl();
    const url = baseUrl.replace('[::1]', '127.0.0.1');

    const policy = screeningPolicy();
    const { tokenSecret } = await connector.app.get(TokensService).create(`bench-${Date.now()}`, policy);

    const bare = { url: `${url}/health/live` };
    const hook = {
      url,
      requests: [
        {
          method: 'POST',
          path: '/v1/hooks/okta/telephony',
          headers: { 'content-type': 'application/json', authorization: tokenSecret },
          setupRequest: (request) => ({ ...request, body: hookBody() }),
        },
      ],
    };

    console.log(`Okta telephony hook benchmark: ${CONNECTIONS} connections, ${SECONDS} s each (after ${WARMUP_SECONDS} s warm-up), ` +
      `${config.databaseUrl ? 'PostgreSQL' : 'embedded PGlite'}, sandbox simulator latency 0 ms`);
    await run({ ...bare, duration: WARMUP_SECONDS });
    const bareResult = summary('GET /health/live (bare)', await run({ ...bare, duration: SECONDS }));
    await run({ ...hook, duration: WARMUP_SECONDS });
    const hookResult = summary('POST /v1/hooks/okta/telephony', await run({ ...hook, duration: SECONDS }));

    console.table([bareResult, hookResult]);
    console.log(`hook/bare throughput ratio: ${(hookResult.requestsPerSecond / bareResult.requestsPerSecond).toFixed(3)}`);
    console.log(`hook/bare p50 latency ratio: ${ratio(hookResult.p50, bareResult.p50)}`);
    console.log(`hook/bare p99 latency ratio: ${ratio(hookResult.p99, bareResult.p99)}`);
    console.log(`non-2xx: bare ${bareResult.non2xx}, hook ${hookResult.non2xx}`);
    const outcomes = await connector.app
      .get(DataSource)
      .query(`SELECT status, reason_code AS "reasonCode", count(*)::int AS count FROM otp_activity WHERE okta_event_id LIKE $1 GROUP BY 1, 2 ORDER BY 3 DESC`, [`bench-${process.pid}-%`]);
    console.log('hook outcomes recorded (warm-up included):', outcomes.map((o) => `${o.status}/${o.reasonCode}=${o.count}`).join(', '));
    console.log(`simulator: ${connector.simulator.messages.length} messages, ${connector.simulator.insightsRequests.length} insights lookups`);
  } finally {
    await connector.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Screening on: Insights format + original carrier, network types as the default; no per-number limit. */
function screeningPolicy() {
  const policy = defaultPolicy();
  return {
    ...policy,
    insights: { ...policy.insights, enabled: true, formatValidity: true, originalCarrier: true, currentCarrier: false },
    rateLimit: { enabled: false, maxPerWindow: 5 },
  };
}

function ratio(a, b) {
  return b > 0 ? (a / b).toFixed(2) : `${a} ms vs ${b} ms`;
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
