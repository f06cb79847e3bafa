#!/usr/bin/env node
'use strict';
// The simulator's own cost, this build against SIM_BASELINE_LIB (the built vonage-sim directory of
// another build) in the same run when given:
// 1. a long run: 60,000 requests open (five minutes at 200 req/s), a two-step workflow whose first step
//    times out after 30 s, so from then on one request falls due per call; times a create + sweep per call;
// 2. per OTP over HTTP, what sandbox mode adds to the connector's process: the simulator in a process of
//    its own (its CPU read from /proc), a keep-alive client here making the connector's two calls per OTP
//    (Identity Insights format lookup, Verify start with the RS256 JWT the SDK signs once) and receiving
//    the signed status callback each message triggers; builds measured in turns, median of four.
// Run after `npx nx run api:build`: `node bench/simulator-sweep.js`. Env: SIM_BASELINE_LIB, SIM_OPEN (60000),
// SIM_HTTP_OTPS (3000 per turn).

const { fork } = require('child_process');
const { generateKeyPairSync } = require('crypto');
const { createServer } = require('http');
const { join } = require('path');

const OPEN = Number(process.env.SIM_OPEN || 60_000);
const CALLS = 2_000;
const HTTP_OTPS = Number(process.env.SIM_HTTP_OTPS || 3000);
const APPLICATION_ID = 'c0ffee00-0000-4000-8000-0000000051e0';

function measureSweep(lib) {
  const { VerifyLifecycle } = require(join(lib, 'verify/verify-lifecycle.js'));
  const { createJournal } = require(join(lib, 'simulator-journal.js'));
  let now = Date.parse('2026-01-01T00:00:00Z');
  const callbacks = { dispatch: () => undefined };
  const lifecycle = new VerifyLifecycle(() => new Date(now), createJournal(), callbacks);
  const input = (n) => ({
    brand: 'Okta',
    workflow: [
      { channel: 'sms', to: `4474${String(n).padStart(8, '0')}` },
      { channel: 'voice', to: `4474${String(n).padStart(8, '0')}` },
    ],
    code: '482913',
    codeLength: 6,
    channelTimeout: 30,
    locale: 'en-us',
    fraudCheck: false,
  });
  const stepMs = 300_000 / OPEN;
  for (let n = 0; n < OPEN; n++) {
    lifecycle.sweep();
    lifecycle.create(input(n));
    now += stepMs;
  }
  const started = process.hrtime.bigint();
  for (let n = OPEN; n < OPEN + CALLS; n++) {
    lifecycle.sweep();
    lifecycle.create(input(n));
    now += stepMs;
  }
  return Number(process.hrtime.bigint() - started) / 1e3 / CALLS;
}

/** In the child: a simulator configured as sandbox mode configures it, its URL sent to the parent. */
async function serveSimulator() {
  const { createVonageSimulator } = require(join(process.env.SIM_LIB, 'index.js'));
  const simulator = createVonageSimulator({
    applicationId: APPLICATION_ID,
    publicKey: process.env.SIM_PUBLIC_KEY,
    callbackUrl: process.env.SIM_CALLBACK_URL,
    signatureSecret: 'bench-signature-secret',
    journalLimit: 1000,
  });
  process.send({ url: await simulator.listen(0, '127.0.0.1') });
}

async function measureHttp(libs) {
  const { Agent, request } = require('undici');
  const { tokenGenerate } = require('@vonage/jwt');
  const { cpuMs, sleep } = require('./support/live-connector');
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  const authorization = `Bearer ${tokenGenerate(APPLICATION_ID, privateKey)}`;
  let callbacks = 0;
  const receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      callbacks++;
      res.writeHead(204).end();
    });
  });
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const simulators = [];
  for (const lib of libs) {
    const env = { ...process.env, SIM_CHILD: '1', SIM_LIB: lib, SIM_PUBLIC_KEY: publicKey, SIM_CALLBACK_URL: `http://127.0.0.1:${receiver.address().port}/status` };
    const child = fork(join(__dirname, 'simulator-sweep.js'), [], { env });
    const { url } = await new Promise((resolve) => child.once('message', resolve));
    simulators.push({ lib, child, url, agent: new Agent({ keepAliveTimeout: 30_000, connections: 10 }), cpu: [] });
  }
  let sequence = 0;
  const post = (sim, path, body) =>
    request(`${sim.url}${path}`, { method: 'POST', dispatcher: sim.agent, headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => {
      await r.body.text();
      if (r.statusCode >= 300) throw new Error(`${path}: ${r.statusCode}`);
    });
  // Distinct UK mobiles outside the scenario suffixes, as the throughput benchmark sends.
  const otp = async (sim) => {
    const n = sequence++;
    const to = `447400${String(Math.floor(n / 1000) % 100).padStart(2, '0')}1${String(n % 1000).padStart(3, '0')}`;
    await post(sim, '/identity-insights/v1/requests', { phone_number: to, insights: { format: {} } });
    await post(sim, '/v2/verify', { brand: 'Okta', code: '482913', channel_timeout: 300, workflow: [{ channel: 'sms', to }] });
  };
  const turn = async (sim, count) => {
    for (let i = 0; i < count; i += 10) await Promise.all(Array.from({ length: 10 }, () => otp(sim)));
    await sleep(300); // the last callbacks (20 ms after their message)
  };
  try {
    for (const sim of simulators) await turn(sim, 2000); // warm-up
    for (let round = 0; round < 4; round++) {
      for (const sim of simulators) {
        const before = cpuMs(sim.child.pid);
        await turn(sim, HTTP_OTPS);
        sim.cpu.push((cpuMs(sim.child.pid) - before) / HTTP_OTPS);
      }
    }
  } finally {
    for (const sim of simulators) sim.child.kill();
    receiver.close();
  }
  const median = (values) => [...values].sort((a, b) => a - b).slice(1, 3).reduce((a, b) => a + b, 0) / 2;
  return { perOtpMs: simulators.map((sim) => median(sim.cpu)), callbacks };
}

async function main() {
  const current = join(__dirname, '../dist/libs/vonage-sim');
  const baseline = process.env.SIM_BASELINE_LIB;
  const sweep = measureSweep(current);
  console.log(`simulator, ${OPEN} open requests, one falling due per call: ${sweep.toFixed(1)} µs per call (this build)`);
  if (baseline) {
    const before = measureSweep(baseline);
    console.log(`baseline ${before.toFixed(1)} µs per call; this build / baseline: ${(sweep / before).toFixed(4)}x`);
  }
  const http = await measureHttp(baseline ? [current, baseline] : [current]);
  console.log(`simulator in its own process, per OTP (Insights format lookup + Verify start over keep-alive HTTP + its signed callback): ${http.perOtpMs[0].toFixed(3)} ms CPU (this build)`);
  if (baseline) console.log(`baseline ${http.perOtpMs[1].toFixed(3)} ms; this build / baseline: ${(http.perOtpMs[0] / http.perOtpMs[1]).toFixed(2)}x`);
  console.log(`callbacks received: ${http.callbacks}`);
}

if (process.env.SIM_CHILD) void serveSimulator();
else
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
