#!/usr/bin/env node
'use strict';
// Sustained load on the Okta telephony hook at a fixed rate: (a) one instance, (b) two instances
// sharing one PostgreSQL database and one Redis, traffic split across both. Each instance is the
// built `main.js` in its own process (live mode, real Vonage SDK pointed at the simulator running
// here), so RSS is the connector's own. Checks that every call answered 2xx has its activity record.
// Run after `npx nx run api:build`: `node bench/load.js` (LOAD_SECONDS=60 for a short run).
// Env: LOAD_SECONDS (300), LOAD_RATE (req/s overall, 150), LOAD_CONNECTIONS (20), LOAD_VONAGE_LATENCY_MS (0),
// DATABASE_URL (server; a fresh database is created and dropped), REDIS_URL (redis://127.0.0.1:6379).
// Exits 1 on any 5xx, any lost record, or an instance that does not stop cleanly on SIGTERM.

const { randomBytes } = require('crypto');
const autocannon = require('autocannon');
const { Client } = require('pg');
const {
  assertLoopback,
  callFactory,
  createDatabase,
  createScreeningToken,
  ratio,
  rssMb,
  sleep,
  startInstance,
  startSimulator,
  stopInstance,
} = require('./support/live-connector');

const SECONDS = Number(process.env.LOAD_SECONDS || 300);
const RATE = Number(process.env.LOAD_RATE || 150);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS || 20);
const VONAGE_LATENCY_MS = Number(process.env.LOAD_VONAGE_LATENCY_MS || 0);
const BASELINE_SECONDS = Math.max(5, Math.min(30, Math.round(SECONDS / 6)));
const SERVER_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const RUN_ID = `load-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
const nextCall = callFactory(RUN_ID);

/** A fixed-rate autocannon run against one instance; records the eventId of every 2xx answer. */
function hookRun(instance, secret, rate, seconds, answered) {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: instance.url,
        connections: CONNECTIONS,
        overallRate: rate,
        duration: seconds,
        requests: [
          {
            method: 'POST',
            path: '/v1/hooks/okta/telephony',
            headers: { 'content-type': 'application/json', authorization: secret },
            setupRequest: (request, context) => {
              const call = nextCall();
              context.eventId = call.eventId;
              return { ...request, body: JSON.stringify(call) };
            },
            onResponse: (status, body, context) => {
              if (status < 200 || status >= 300) return;
              const successful = /"status":"SUCCESSFUL"/.test(body);
              answered.push({ eventId: context.eventId, successful });
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

function bareRun(instance, rate, seconds) {
  return new Promise((resolve, reject) => {
    autocannon({ url: `${instance.url}/health/live`, connections: CONNECTIONS, overallRate: rate, duration: seconds }, (e, r) => (e ? reject(e) : resolve(r)));
  });
}

function figures(name, results, seconds, rss) {
  const sum = (key) => results.reduce((total, r) => total + (r[key] || 0), 0);
  const total = results.reduce((t, r) => t + r.requests.total, 0);
  return {
    name,
    'req/s': Math.round(total / seconds),
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    max: Math.max(...results.map((r) => r.latency.max)),
    total,
    errors: sum('errors') + sum('timeouts'),
    non2xx: sum('non2xx'),
    '5xx': sum('5xx'),
    ...(rss ? { 'rss MB start->end': rss } : {}),
  };
}

async function phase(label, instances, secret, answered) {
  const share = RATE / instances.length;
  await Promise.all(instances.map((i) => bareRun(i, share, 2)));
  const bare = await Promise.all(instances.map((i) => bareRun(i, share, BASELINE_SECONDS)));
  await Promise.all(instances.map((i) => hookRun(i, secret, share, 2, answered)));
  const rssBefore = instances.map((i) => rssMb(i.pid));
  const hook = await Promise.all(instances.map((i) => hookRun(i, secret, share, SECONDS, answered)));
  const rssAfter = instances.map((i) => rssMb(i.pid));
  const rss = instances.map((_, k) => `${rssBefore[k]}->${rssAfter[k]} (+${rssAfter[k] - rssBefore[k]})`).join(', ');
  const bareRow = figures(`${label}: GET /health/live`, bare, BASELINE_SECONDS);
  const hookRow = figures(`${label}: POST telephony hook`, hook, SECONDS, rss);
  console.table([bareRow, hookRow]);
  console.log(
    `${label}: hook/bare throughput ${(hookRow['req/s'] / bareRow['req/s']).toFixed(3)}, ` +
      `p50 ${ratio(hookRow.p50, bareRow.p50)}, p99 ${ratio(hookRow.p99, bareRow.p99)} (fixed offered rate ${RATE} req/s)`,
  );
  return { hookRow, rssGrowth: instances.map((_, k) => rssAfter[k] - rssBefore[k]) };
}

async function lostRecords(databaseUrl, answered) {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    let lost = 0;
    let pending = 0;
    for (let i = 0; i < answered.length; i += 5000) {
      const ids = answered.slice(i, i + 5000).map((a) => a.eventId);
      const { rows } = await client.query('SELECT okta_event_id, status FROM otp_activity WHERE okta_event_id = ANY($1)', [ids]);
      const found = new Map(rows.map((r) => [r.okta_event_id, r.status]));
      lost += ids.filter((id) => !found.has(id)).length;
      pending += rows.filter((r) => r.status === 'PENDING').length;
    }
    const { rows } = await client.query(`SELECT status, count(*)::int AS n FROM otp_activity WHERE okta_event_id LIKE $1 GROUP BY 1 ORDER BY 2 DESC`, [`${RUN_ID}-%`]);
    return { lost, pending, rows: rows.map((r) => `${r.status}=${r.n}`).join(', '), total: rows.reduce((t, r) => t + r.n, 0) };
  } finally {
    await client.end();
  }
}

async function main() {
  assertLoopback(REDIS_URL);
  const database = await createDatabase(SERVER_URL, 'otc_load');
  const instances = [];
  let simulator = null;
  const failed = [];
  try {
    const sim = await startSimulator(VONAGE_LATENCY_MS);
    simulator = sim.simulator;
    const env = { ...sim.env, DATABASE_URL: database.url, REDIS_URL };
    instances.push(await startInstance('A', env));
    const secret = createScreeningToken(instances[0], RUN_ID);

    console.log(
      `Load test ${RUN_ID}: ${RATE} req/s offered for ${SECONDS} s per phase, ${CONNECTIONS} connections per instance, ` +
        `baseline ${BASELINE_SECONDS} s, PostgreSQL ${database.name}, Redis ${REDIS_URL}, simulated Vonage latency ${VONAGE_LATENCY_MS} ms, screening on (format + original carrier)`,
    );
    const answered = [];
    const one = await phase('(a) one instance', [instances[0]], secret, answered);
    instances.push(await startInstance('B', env));
    const two = await phase('(b) two instances', instances, secret, answered);

    await sleep(1000);
    const records = await lostRecords(database.url, answered);
    const successful = answered.filter((a) => a.successful).length;
    console.log(`2xx answers: ${answered.length} (SUCCESSFUL ${successful}); activity rows for this run: ${records.total} (${records.rows})`);
    console.log(`lost records (2xx answer without a row): ${records.lost}; rows still PENDING: ${records.pending}`);
    console.log(`simulator: ${simulator.messages.length} messages sent`);

    const fiveXx = one.hookRow['5xx'] + two.hookRow['5xx'];
    if (fiveXx > 0) failed.push(`${fiveXx} answers were 5xx`);
    if (records.lost > 0) failed.push(`${records.lost} answered calls have no activity record`);
  } finally {
    for (const instance of instances) {
      const problem = await stopInstance(instance);
      if (problem) failed.push(problem);
    }
    await simulator?.close();
    await database.drop();
  }
  if (failed.length > 0) {
    console.error(`FAILED: ${failed.join('; ')}`);
    return 1;
  }
  console.log('OK: no 5xx, no lost record, both instances stopped cleanly on SIGTERM');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
