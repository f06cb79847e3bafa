#!/usr/bin/env node
'use strict';
// The simulator's cost per Verify call on a long run: 60,000 requests open (five minutes at 200 req/s),
// a two-step workflow whose first step times out after 30 s, so from then on one request falls due per
// call. Times a create + sweep per call on this build's simulator and, in the same run, on the build in
// SIM_BASELINE_LIB (the built vonage-sim directory of another build) when given.
// Run after `npx nx run api:build`: `node bench/simulator-sweep.js`. Env: SIM_BASELINE_LIB, SIM_OPEN (60000).

const { join } = require('path');

const OPEN = Number(process.env.SIM_OPEN || 60_000);
const CALLS = 2_000;

function measure(lib) {
  const { VerifyLifecycle } = require(join(lib, 'verify/verify-lifecycle.js'));
  let now = Date.parse('2026-01-01T00:00:00Z');
  const journal = { messages: [], callbacks: [] };
  const callbacks = { dispatch: () => undefined };
  const lifecycle = new VerifyLifecycle(() => new Date(now), journal, callbacks);
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

const current = measure(join(__dirname, '../dist/libs/vonage-sim'));
console.log(`simulator, ${OPEN} open requests, one falling due per call: ${current.toFixed(1)} µs per call (this build)`);
if (process.env.SIM_BASELINE_LIB) {
  const baseline = measure(process.env.SIM_BASELINE_LIB);
  console.log(`baseline ${baseline.toFixed(1)} µs per call; this build / baseline: ${(current / baseline).toFixed(4)}x`);
}
