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

const { spawn, execFileSync } = require('child_process');
const { generateKeyPairSync, randomBytes } = require('crypto');
const { mkdtempSync, readFileSync, rmSync, writeFileSync } = require('fs');
const { createServer } = require('net');
const { tmpdir } = require('os');
const { join } = require('path');
const autocannon = require('autocannon');
const { Client } = require('pg');

const root = join(__dirname, '..');
const dist = join(root, 'dist/apps/api/apps/api/src');
const { createVonageSimulator } = require(join(root, 'dist/apps/api/libs/vonage-sim/src/index.js'));
const { defaultPolicy } = require(join(root, 'dist/apps/api/libs/contracts/src/policy.js'));

const SECONDS = Number(process.env.LOAD_SECONDS || 300);
const RATE = Number(process.env.LOAD_RATE || 150);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS || 20);
const VONAGE_LATENCY_MS = Number(process.env.LOAD_VONAGE_LATENCY_MS || 0);
const BASELINE_SECONDS = Math.max(5, Math.min(30, Math.round(SECONDS / 6)));
const SERVER_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const RUN_ID = `load-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
const OKTA_REQUEST = JSON.parse(
  readFileSync(join(root, 'apps/api/test/fixtures/okta/telephony-request-pre-enrollment.okta-legacy-reference.json'), 'utf8'),
);

for (const url of [SERVER_URL, REDIS_URL]) {
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname)) throw new Error(`load test traffic stays on loopback: ${url}`);
}

// Valid UK mobiles +447400 AA 1 BBB (no simulator scenario); distinct per call up to 100,000 calls,
// so Verify's one-active-request-per-number rule stays out of the run.
let sequence = 0;
function nextCall() {
  const n = sequence++;
  const body = structuredClone(OKTA_REQUEST);
  body.eventId = `${RUN_ID}-${n}`;
  body.eventTime = new Date().toISOString();
  body.data.messageProfile.phoneNumber = `+447400${String(Math.floor((n % 100000) / 1000)).padStart(2, '0')}1${String(n % 1000).padStart(3, '0')}`;
  body.data.messageProfile.otpCode = String(100000 + (n % 900000));
  body.data.messageProfile.otpExpires = new Date(Date.now() + 5 * 60_000).toISOString();
  return body;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function rssMb(pid) {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
    return Math.round(Number(line.split(/\s+/)[1]) / 1024);
  } catch {
    return NaN;
  }
}

async function startInstance(name, env) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), `otc-load-${name}-`));
  const child = spawn(process.execPath, [join(dist, 'main.js')], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: `http://127.0.0.1:${port}`, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const ready = await fetch(`${url}/health/ready`).then((r) => r.status === 200, () => false);
    if (ready) break;
    if (child.exitCode !== null || i > 300) throw new Error(`instance ${name} did not become ready:\n${stderr}`);
    await sleep(100);
  }
  return { name, url, port, pid: child.pid, child, exited, dataDir, stderr: () => stderr };
}

async function stopInstance(instance) {
  instance.child.kill('SIGTERM');
  const result = await Promise.race([instance.exited, sleep(15_000).then(() => null)]);
  rmSync(instance.dataDir, { recursive: true, force: true });
  if (!result) {
    instance.child.kill('SIGKILL');
    return `${instance.name} did not stop within 15 s of SIGTERM`;
  }
  return result.signal === 'SIGTERM' || result.code === 0 ? null : `${instance.name} exited with ${result.code ?? result.signal}`;
}

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

function ratio(a, b) {
  return b > 0 ? `${(a / b).toFixed(2)}x` : `${a} ms vs ${b} ms`;
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
  const dbName = `otc_load_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const dbUrl = new URL(SERVER_URL);
  dbUrl.pathname = `/${dbName}`;
  const databaseUrl = dbUrl.toString();

  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const vonage = {
    VONAGE_API_KEY: 'load-key',
    VONAGE_API_SECRET: 'load-secret',
    VONAGE_APPLICATION_ID: 'c0ffee00-0000-4000-8000-0000000010ad',
    VONAGE_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    VONAGE_SIGNATURE_SECRET: 'load-signature-secret-0123456789',
  };
  const instances = [];
  let simulator = null;
  const failed = [];
  try {
    simulator = createVonageSimulator({
      apiKey: vonage.VONAGE_API_KEY,
      apiSecret: vonage.VONAGE_API_SECRET,
      applicationId: vonage.VONAGE_APPLICATION_ID,
      publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      signatureSecret: vonage.VONAGE_SIGNATURE_SECRET,
      latencyMs: VONAGE_LATENCY_MS,
    });
    const simUrl = await simulator.listen(0, '127.0.0.1');
    const env = {
      ...vonage,
      VONAGE_API_HOST: simUrl,
      VONAGE_INSIGHTS_HOST: simUrl,
      DATABASE_URL: databaseUrl,
      REDIS_URL,
      JWT_SECRET: 'load-jwt-secret-'.padEnd(40, 'j'),
      ENCRYPTION_KEY: 'load-encryption-key-'.padEnd(40, 'e'),
      HOOK_THROTTLE_PER_SECOND: '100000',
      NODE_ENV: 'production',
    };
    instances.push(await startInstance('A', env));

    const policyFile = join(instances[0].dataDir, 'policy.json');
    const policy = defaultPolicy();
    writeFileSync(policyFile, JSON.stringify({ ...policy, insights: { ...policy.insights, enabled: true, formatValidity: true, originalCarrier: true }, rateLimit: { enabled: false, maxPerWindow: 5 } }));
    const created = JSON.parse(
      execFileSync(process.execPath, [join(dist, 'cli.js'), 'token', 'create', '--name', RUN_ID, '--policy-file', policyFile, '--json'], {
        env: { ...process.env, ...env, DATA_DIR: instances[0].dataDir, LOG_LEVEL: 'error' },
        encoding: 'utf8',
      }),
    );
    const secret = created.tokenSecret;

    console.log(
      `Load test ${RUN_ID}: ${RATE} req/s offered for ${SECONDS} s per phase, ${CONNECTIONS} connections per instance, ` +
        `baseline ${BASELINE_SECONDS} s, PostgreSQL ${dbName}, Redis ${REDIS_URL}, simulated Vonage latency ${VONAGE_LATENCY_MS} ms, screening on (format + original carrier)`,
    );
    const answered = [];
    const one = await phase('(a) one instance', [instances[0]], secret, answered);
    instances.push(await startInstance('B', env));
    const two = await phase('(b) two instances', instances, secret, answered);

    await sleep(1000);
    const records = await lostRecords(databaseUrl, answered);
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
    const cleanup = new Client({ connectionString: SERVER_URL });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await cleanup.end();
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
