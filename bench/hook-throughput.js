#!/usr/bin/env node
'use strict';
// Throughput of the Okta telephony hook against a bare endpoint of the same connector, in one run
// (DESIGN.md §6: compare ratios, not absolute numbers). The connector is the built `main.js` in its
// own process, in live mode against the Vonage simulator running here with no added latency, so
// its figures are the connector's own work: token lookup, screening (Insights format + original
// carrier), Verify, the activity record and Okta's answer.
// Run after `npx nx run api:build`: `node bench/hook-throughput.js`. Env: BENCH_SECONDS (10),
// BENCH_CONNECTIONS (20), DATABASE_URL (a fresh database on that server; the embedded PostgreSQL without it).

const { randomBytes } = require('crypto');
const autocannon = require('autocannon');
const { callFactory, createDatabase, createScreeningToken, ratio, sleep, startInstance, startSimulator, stopInstance } = require('./support/live-connector');

const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 20);
const WARMUP_SECONDS = 2;
const RUN_ID = `bench-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
const nextCall = callFactory(RUN_ID);

function run(options) {
  return new Promise((resolve, reject) => autocannon({ connections: CONNECTIONS, ...options }, (e, r) => (e ? reject(e) : resolve(r))));
}

function bare(url, seconds) {
  return run({ url: `${url}/health/live`, duration: seconds });
}

function hook(url, secret, seconds) {
  return run({
    url,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/v1/hooks/okta/telephony',
        headers: { 'content-type': 'application/json', authorization: secret },
        setupRequest: (request) => ({ ...request, body: JSON.stringify(nextCall()) }),
      },
    ],
  });
}

function row(name, result) {
  return { name, 'req/s': Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors + result.timeouts };
}

async function main() {
  const database = process.env.DATABASE_URL ? await createDatabase(process.env.DATABASE_URL, 'otc_bench') : null;
  const { simulator, env } = await startSimulator(0);
  const instance = await startInstance('hook', { ...env, ...(database ? { DATABASE_URL: database.url } : {}) });
  try {
    const secret = createScreeningToken(instance, RUN_ID);
    await bare(instance.url, WARMUP_SECONDS);
    const bareResult = await bare(instance.url, SECONDS);
    await hook(instance.url, secret, WARMUP_SECONDS);
    const hookResult = await hook(instance.url, secret, SECONDS);
    await sleep(500);

    const bareRow = row('GET /health/live (bare)', bareResult);
    const hookRow = row('POST /v1/hooks/okta/telephony', hookResult);
    console.log(
      `Telephony hook benchmark: ${CONNECTIONS} connections, ${SECONDS} s each after ${WARMUP_SECONDS} s warm-up, ` +
        `${database ? 'PostgreSQL' : 'embedded PostgreSQL'}, connector in its own process, simulator latency 0 ms`,
    );
    console.table([bareRow, hookRow]);
    console.log(`hook/bare throughput ratio: ${(hookRow['req/s'] / bareRow['req/s']).toFixed(4)}`);
    console.log(`hook/bare latency: p50 ${ratio(hookRow.p50, bareRow.p50)}, p99 ${ratio(hookRow.p99, bareRow.p99)}`);
    console.log(`simulator: ${simulator.messages.length} messages, ${simulator.insightsRequests.length} insights lookups`);
    return hookRow.non2xx + hookRow.errors > 0 ? 1 : 0;
  } finally {
    const problem = await stopInstance(instance);
    if (problem) console.error(problem);
    await simulator.close();
    await database?.drop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
