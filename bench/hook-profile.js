#!/usr/bin/env node
'use strict';
// Where the connector's CPU goes under hook load: the built `main.js` runs in its own process with
// `--cpu-prof` (live mode, the simulator here at 0 ms), warms up, takes PROFILE_SECONDS of hook
// calls with a carrier lookup, stops, and the profile's samples are attributed to components: each
// sample goes to the innermost frame that belongs to a known package or to the connector's own code
// (Node's internals count for whoever called them). Prints the share of each component and keeps the
// .cpuprofile (open it in Chrome DevTools > Performance). Run after `npx nx run api:build`:
// `node bench/hook-profile.js`. Env: PROFILE_SECONDS (15), PROFILE_WARMUP_SECONDS (20),
// PROFILE_ORIGINAL_CARRIER (1; 0 for format-only), PROFILE_MODE (`live`; `sandbox`: the simulator inside
// the connector, as `npm start` runs it), DATABASE_URL, REDIS_URL (as bench:run).

const { randomBytes } = require('crypto');
const { mkdtempSync, readdirSync, readFileSync } = require('fs');
const { tmpdir } = require('os');
const { join } = require('path');
const { callFactory, createDatabase, createScreeningToken, saturatingHookLoad, screeningInsights, startInstance, startSimulator, stopInstance } = require('./support/live-connector');

const SECONDS = Number(process.env.PROFILE_SECONDS || 15);
const WARMUP_SECONDS = Number(process.env.PROFILE_WARMUP_SECONDS || 20);
const ORIGINAL_CARRIER = process.env.PROFILE_ORIGINAL_CARRIER !== '0';
const SANDBOX = process.env.PROFILE_MODE === 'sandbox';
const RUN_ID = `profile-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
const nextCall = callFactory(RUN_ID);

// First match wins; tested against the frame's script URL.
const COMPONENTS = [
  ['TypeORM', /node_modules\/typeorm\//],
  ['pg driver', /node_modules\/(pg|pg-protocol|pg-pool|pg-types|postgres-[a-z]+)\//],
  ['Vonage SDK (HTTP, auth, JWT)', /node_modules\/(@vonage|node-fetch|jsonwebtoken|jws|jwa)\//],
  ['undici (Vonage HTTP)', /node_modules\/undici\//],
  ['libphonenumber', /node_modules\/libphonenumber-js\//],
  ['simulator (sandbox)', /dist\/libs\/vonage-sim\//],
  ['validation (class-validator/transformer)', /node_modules\/class-(validator|transformer)\//],
  ['logging (pino)', /node_modules\/(pino|nestjs-pino|pino-http|sonic-boom|thread-stream)/],
  ['metrics (prom-client)', /node_modules\/prom-client\//],
  ['Redis (ioredis)', /node_modules\/(ioredis|redis-parser|@ioredis)/],
  ['routing/guards/pipes (Nest, Fastify)', /node_modules\/(@nestjs|fastify|@fastify|find-my-way|avvio|light-my-request|rxjs|fast-json-stringify|secure-json-parse)/],
  ['connector: hook, tokens, policy', /dist\/apps\/api\/(hooks|tokens|policy|insights)\//],
  ['connector: delivery, activity, journal', /dist\/apps\/api\/delivery\//],
  ['connector: other', /dist\/(apps|libs)\//],
  ['other packages', /node_modules\//],
];
const NODE_INTERNAL = /^(node:|internal\/|$)/;

function attribute(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const memo = new Map();
  const componentOf = (id) => {
    if (memo.has(id)) return memo.get(id);
    const node = byId.get(id);
    const { url, functionName } = node.callFrame;
    let component;
    if (functionName === '(garbage collector)') component = 'garbage collection';
    else if (functionName === '(idle)') component = 'idle';
    else if (functionName === '(program)') component = 'Node/V8 (program)';
    else if (!NODE_INTERNAL.test(url)) component = (COMPONENTS.find(([, re]) => re.test(url)) ?? ['other'])[0];
    else if (/crypto/.test(url) || /^(createHash|createHmac|createCipheriv|sign|randomBytes)/.test(functionName)) component = 'crypto (node:crypto)';
    else component = parent.has(id) ? componentOf(parent.get(id)) : 'Node internals (I/O, event loop)';
    if (component === 'other' && NODE_INTERNAL.test(url)) component = 'Node internals (I/O, event loop)';
    memo.set(id, component);
    return component;
  };
  const totals = new Map();
  for (const n of profile.nodes) {
    const c = componentOf(n.id);
    totals.set(c, (totals.get(c) ?? 0) + (n.hitCount ?? 0));
  }
  return totals;
}

async function main() {
  const database = process.env.DATABASE_URL ? await createDatabase(process.env.DATABASE_URL, 'otc_profile') : null;
  const { simulator, env } = await startSimulator(0);
  const profileDir = mkdtempSync(join(tmpdir(), 'otc-profile-'));
  const modeEnv = SANDBOX ? { JWT_SECRET: env.JWT_SECRET, ENCRYPTION_KEY: env.ENCRYPTION_KEY, HOOK_THROTTLE_PER_SECOND: env.HOOK_THROTTLE_PER_SECOND, NODE_ENV: 'production' } : env;
  const instance = await startInstance('profile', { ...modeEnv, ...(database ? { DATABASE_URL: database.url } : {}) }, { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] });
  let served = 0;
  try {
    const secret = createScreeningToken(instance, RUN_ID, { insights: screeningInsights(ORIGINAL_CARRIER) });
    const run = (seconds) => saturatingHookLoad({ url: instance.url, secret, seconds, nextCall });
    await run(WARMUP_SECONDS);
    served = (await run(SECONDS)).requests.total;
  } finally {
    const problem = await stopInstance(instance);
    if (problem) console.error(problem);
    await simulator.close();
    await database?.drop();
  }
  const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no profile written in ${profileDir}`);
  const totals = attribute(JSON.parse(readFileSync(join(profileDir, file), 'utf8')));
  const busy = [...totals].filter(([c]) => c !== 'idle').reduce((sum, [, n]) => sum + n, 0);
  console.log(
    `Connector CPU profile (${SANDBOX ? 'sandbox' : 'live'} mode): ${WARMUP_SECONDS} s warm-up and ${SECONDS} s of hook calls (${ORIGINAL_CARRIER ? 'carrier lookup' : 'format only'}, ` +
      `${served} in the measured part; the profile covers the whole process life), ${busy} busy samples`,
  );
  console.table(
    [...totals]
      .filter(([c]) => c !== 'idle')
      .sort((a, b) => b[1] - a[1])
      .map(([component, n]) => ({ component, 'share of busy CPU': `${((100 * n) / busy).toFixed(1)} %` })),
  );
  console.log(`profile: ${join(profileDir, file)}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
