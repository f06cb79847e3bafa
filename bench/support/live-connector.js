'use strict';
// Shared by the benchmarks: the built connector in its own process (live mode, the real Vonage SDK
// pointed at the simulator running in the benchmark's process), so what is measured is the
// connector's own work, the way Vonage's work happens elsewhere in production.

const autocannon = require('autocannon');
const { spawn, execFileSync } = require('child_process');
const { generateKeyPairSync, randomBytes } = require('crypto');
const { mkdtempSync, readFileSync, rmSync, writeFileSync } = require('fs');
const { createServer } = require('net');
const { tmpdir } = require('os');
const { join } = require('path');
const { Client } = require('pg');

const root = join(__dirname, '../..');
const dist = join(root, 'dist/apps/api');
const { createVonageSimulator } = require(join(root, 'dist/libs/vonage-sim/index.js'));
const { defaultPolicy, FRAUD_GUARD_THRESHOLD_BOUNDS } = require(join(root, 'dist/libs/contracts/index.js'));

const OKTA_REQUEST = JSON.parse(
  readFileSync(join(root, 'apps/api/test/fixtures/okta/telephony-request-pre-enrollment.okta-legacy-reference.json'), 'utf8'),
);

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function assertLoopback(url) {
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname)) throw new Error(`benchmark traffic stays on loopback: ${url}`);
}

/**
 * Okta-shaped calls with distinct eventIds and valid UK mobiles +447400 AA 1 BBB (no simulator
 * scenario), distinct up to 100,000 calls so Verify's one-request-per-number rule stays out.
 */
function callFactory(runId) {
  let sequence = 0;
  return function nextCall() {
    const n = sequence++;
    const body = structuredClone(OKTA_REQUEST);
    body.eventId = `${runId}-${n}`;
    body.eventTime = new Date().toISOString();
    body.data.messageProfile.phoneNumber = `+447400${String(Math.floor((n % 100000) / 1000)).padStart(2, '0')}1${String(n % 1000).padStart(3, '0')}`;
    body.data.messageProfile.otpCode = String(100000 + (n % 900000));
    body.data.messageProfile.otpExpires = new Date(Date.now() + 5 * 60_000).toISOString();
    return body;
  };
}

// Mobile ranges of four countries; each gets 100,000 numbers `<head>AA1BBB` (last four 1BBB: no simulator scenario).
const SPREAD_HEADS = ['+447400', '+4915100', '+33600', '+31612'];
const PUBLIC_FIRST_OCTETS = [81, 89, 94, 151];

/**
 * Okta-shaped calls as many people send them: each call another user from another public address,
 * numbers spread over four countries, distinct up to 400,000 calls. What the fraud guard counts
 * (blocks, prefixes, countries, addresses, users, new numbers) stays within the widest thresholds
 * (`guardScenarioPolicy`), so every call does the guard's whole work and is delivered.
 */
function spreadCallFactory(runId) {
  let sequence = 0;
  return function nextCall() {
    const n = sequence++;
    const m = Math.floor(n / SPREAD_HEADS.length) % 100000;
    const body = structuredClone(OKTA_REQUEST);
    body.eventId = `${runId}-${n}`;
    body.eventTime = new Date().toISOString();
    body.data.context.request.ipAddress = `${PUBLIC_FIRST_OCTETS[n % 4]}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${1 + (n % 254)}`;
    body.data.userProfile.userId = `00uBENCH${String(n).padStart(8, '0')}`;
    body.data.userProfile.login = `bench.${n}@example.com`;
    body.data.messageProfile.phoneNumber = `${SPREAD_HEADS[n % SPREAD_HEADS.length]}${String(Math.floor(m / 1000)).padStart(2, '0')}1${String(m % 1000).padStart(3, '0')}`;
    body.data.messageProfile.otpCode = String(100000 + (n % 900000));
    body.data.messageProfile.otpExpires = new Date(Date.now() + 5 * 60_000).toISOString();
    return body;
  };
}

const TELEPHONY_HOOK_PATH = '/v1/hooks/okta/telephony';

/** As many telephony hook calls as `connections` keep in flight for `seconds` (autocannon's result): each another call from `nextCall`. */
function saturatingHookLoad({ url, secret, seconds, nextCall, connections = 10 }) {
  return new Promise((resolve, reject) =>
    autocannon(
      {
        url,
        connections,
        duration: seconds,
        requests: [
          {
            method: 'POST',
            path: TELEPHONY_HOOK_PATH,
            headers: { 'content-type': 'application/json', authorization: secret },
            setupRequest: (request) => ({ ...request, body: JSON.stringify(nextCall()) }),
          },
        ],
      },
      (e, r) => (e ? reject(e) : resolve(r)),
    ),
  );
}

/**
 * The fraud guard enforcing with every threshold at its widest bound over a 10-minute window:
 * every signal is counted and judged, and `spreadCallFactory`'s traffic stays under each limit
 * (per 100- and 1,000-number block at most 100 and 1,000 numbers, per prefix and country 100,000).
 */
function guardScenarioPolicy() {
  const thresholds = Object.fromEntries(Object.entries(FRAUD_GUARD_THRESHOLD_BOUNDS).map(([k, b]) => [k, k === 'windowMinutes' ? 10 : b.max]));
  return { mode: 'ENFORCE', thresholds };
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

function rssMb(pid) {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
    return Math.round(Number(line.split(/\s+/)[1]) / 1024);
  } catch {
    return NaN;
  }
}

/** A fresh database on the server at `serverUrl`; `drop()` removes it. */
async function createDatabase(serverUrl, prefix) {
  assertLoopback(serverUrl);
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** What every benchmarked connector gets, in live and in sandbox mode. */
const CONNECTOR_ENV = {
  JWT_SECRET: 'bench-jwt-secret-'.padEnd(40, 'j'),
  ENCRYPTION_KEY: 'bench-encryption-key-'.padEnd(40, 'e'),
  // The per-token hook throttle (default 50/s) would turn a benchmark into a 429 test.
  HOOK_THROTTLE_PER_SECOND: '100000',
  NODE_ENV: 'production',
};

/**
 * The simulator in this process, and the environment that points a connector at it in live mode.
 * It sends no status callbacks until given a URL (`simulator.setCallbackUrl`); they are signed with
 * the secret the connector is given, as Vonage's are.
 */
async function startSimulator(latencyMs) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const vonage = {
    VONAGE_API_KEY: 'bench-key',
    VONAGE_API_SECRET: 'bench-secret',
    VONAGE_APPLICATION_ID: 'c0ffee00-0000-4000-8000-0000000010ad',
    VONAGE_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    VONAGE_SIGNATURE_SECRET: 'bench-signature-secret-0123456789',
  };
  const simulator = createVonageSimulator({
    apiKey: vonage.VONAGE_API_KEY,
    apiSecret: vonage.VONAGE_API_SECRET,
    applicationId: vonage.VONAGE_APPLICATION_ID,
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    signatureSecret: vonage.VONAGE_SIGNATURE_SECRET,
    latencyMs,
  });
  const url = await simulator.listen(0, '127.0.0.1');
  return { simulator, env: { ...vonage, VONAGE_API_HOST: url, VONAGE_INSIGHTS_HOST: url, ...CONNECTOR_ENV } };
}

/**
 * Spawns the built `main.js` and waits until it is ready. Options: `dataDir` and `port` to restart
 * an instance where it was; `onOutput(text)` receives everything it writes (its log).
 */
async function startInstance(name, env, options = {}) {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), `otc-bench-${name}-`));
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), join(options.dist ?? dist, 'main.js')], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: `http://127.0.0.1:${port}`, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', options.onOutput ? 'pipe' : 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  if (options.onOutput) {
    child.stdout.on('data', (chunk) => options.onOutput(String(chunk)));
    child.stderr.on('data', (chunk) => options.onOutput(String(chunk)));
  }
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const ready = await fetch(`${url}/health/ready`).then((r) => r.status === 200, () => false);
    if (ready) break;
    if (child.exitCode !== null || i > 600) throw new Error(`instance ${name} did not become ready:\n${stderr}`);
    await sleep(100);
  }
  return { name, url, port, pid: child.pid, child, exited, dataDir, env };
}

/** SIGTERM, then a verdict: null when the instance stopped cleanly. */
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

/** Insights screening for the format only, or with the original carrier too. */
function screeningInsights(originalCarrier) {
  return { ...defaultPolicy().insights, enabled: true, formatValidity: true, originalCarrier };
}

/**
 * A token with screening on (format + original carrier) and no rate limit, created through the CLI
 * of `options.dist` (default: this tree's build); `changes` replace whole policy sections. The fraud
 * guard is off unless asked for: the throughput benchmarks send sequential numbers, the very pattern
 * it refuses, and they measure the delivering path.
 */
function createScreeningToken(instance, name, changes = {}, options = {}) {
  const policyFile = join(instance.dataDir, `policy-${name}.json`);
  const policy = defaultPolicy();
  writeFileSync(
    policyFile,
    JSON.stringify({
      ...policy,
      insights: screeningInsights(true),
      rateLimit: { enabled: false, maxPerWindow: 5 },
      fraudGuard: { mode: 'OFF', thresholds: {} },
      ...changes,
    }),
  );
  const created = JSON.parse(
    execFileSync(process.execPath, [join(options.dist ?? dist, 'cli.js'), 'token', 'create', '--name', name, '--policy-file', policyFile, '--json'], {
      env: { ...process.env, ...instance.env, DATA_DIR: instance.dataDir, LOG_LEVEL: 'error' },
      encoding: 'utf8',
    }),
  );
  return created.tokenSecret;
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux). */
function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

function ratio(a, b) {
  return b > 0 ? `${(a / b).toFixed(2)}x` : `${a} ms vs ${b} ms`;
}

module.exports = {
  CLOCK_TICKS,
  CONNECTOR_ENV,
  assertLoopback,
  freePort,
  callFactory,
  guardScenarioPolicy,
  spreadCallFactory,
  cpuMs,
  createDatabase,
  createScreeningToken,
  ratio,
  rssMb,
  saturatingHookLoad,
  screeningInsights,
  sleep,
  startInstance,
  startSimulator,
  stopInstance,
};
