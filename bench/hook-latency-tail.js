#!/usr/bin/env node
'use strict';
// What makes the telephony hook's p99 at a steady rate: the built connector in its own process (live
// mode, format-only screening, the simulator in this process at 0 ms) gets an evenly paced load
// (support/paced-load.js) after a warm-up, with V8's --trace-gc on. Requests slower than
// BENCH_SLOW_MS are grouped into episodes (slow requests less than 100 ms apart), and each episode is
// printed with the connector's GC pauses over 2 ms that fall in it and any stall of this process's
// event loop (which serves the simulator), so a tail can be told apart: GC, the simulator, or neither
// (the database, the kernel, the machine).
//
// Run after `npx nx run api:build`: `node bench/hook-latency-tail.js` (bench:tail). Env: BENCH_SECONDS
// (20), BENCH_WARMUP_SECONDS (20), BENCH_RATE (200), BENCH_SLOW_MS (20), BENCH_NODE_ARGS (more V8 flags
// for the connector), BENCH_DIST (the directory holding another build's `main.js` and `cli.js`), DATABASE_URL (a fresh database on that server; the embedded PostgreSQL without
// it), REDIS_URL.

const { performance } = require('perf_hooks');
const {
  callFactory,
  createDatabase,
  createScreeningToken,
  screeningInsights,
  startInstance,
  startSimulator,
  stopInstance,
} = require('./support/live-connector');
const { pacedHookLoad, pacedLoad } = require('./support/paced-load');

const SECONDS = Number(process.env.BENCH_SECONDS || 20);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS || 20);
const RATE = Number(process.env.BENCH_RATE || 200);
const SLOW_MS = Number(process.env.BENCH_SLOW_MS || 20);
const EXTRA_NODE_ARGS = (process.env.BENCH_NODE_ARGS || '').split(' ').filter(Boolean);
const DIST = process.env.BENCH_DIST || undefined;
const GC_LINE = /(Scavenge|Mark-Compact|Minor[\w-]*)\b.*?MB, ([\d.]+) \/ [\d.]+ ms/;

/** GC pauses printed by --trace-gc, with when this process read them (epoch ms). */
function gcRecorder() {
  const pauses = [];
  let pending = '';
  const onOutput = (chunk) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop();
    for (const line of lines) {
      const match = GC_LINE.exec(line);
      if (match) pauses.push({ at: Date.now(), kind: match[1], ms: Number(match[2]) });
    }
  };
  return { pauses, onOutput };
}

/** Stalls of this process's event loop (it serves the simulator): gaps over 20 ms between 5 ms ticks. */
function stallRecorder() {
  const stalls = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    if (now - last > 25) stalls.push({ at: Date.now(), ms: Math.round(now - last - 5) });
    last = now;
  }, 5);
  return { stalls, stop: () => clearInterval(timer) };
}

function episodesOf(slow) {
  const episodes = [];
  for (const [at, ms] of slow) {
    const current = episodes[episodes.length - 1];
    if (current && at - current.end < 100) Object.assign(current, { end: at, worst: Math.max(current.worst, ms), requests: current.requests + 1 });
    else episodes.push({ start: at, end: at, worst: ms, requests: 1 });
  }
  return episodes;
}

async function main() {
  const live = await startSimulator(0);
  const database = process.env.DATABASE_URL ? await createDatabase(process.env.DATABASE_URL, 'otc_bench_tail') : null;
  const gc = gcRecorder();
  const instance = await startInstance('tail', { ...live.env, ...(database ? { DATABASE_URL: database.url } : {}) }, {
    nodeArgs: ['--trace-gc', ...EXTRA_NODE_ARGS],
    onOutput: gc.onOutput,
    dist: DIST,
  });
  try {
    const secret = createScreeningToken(instance, `tail-${Date.now()}`, { insights: screeningInsights(false) }, { dist: DIST });
    const nextCall = callFactory(`tail-${Date.now()}`);
    const hook = (seconds, slowOverMs) => pacedHookLoad({ url: instance.url, secret, seconds, rate: RATE, nextCall, slowOverMs });
    await hook(WARMUP_SECONDS);
    gc.pauses.length = 0;
    const stalls = stallRecorder();
    const measured = await hook(SECONDS, SLOW_MS);
    stalls.stop();
    const bare = await pacedLoad({ url: instance.url, path: '/health/live', count: SECONDS * RATE, rate: RATE });

    console.log(`Telephony hook, format-only screening, ${RATE} req/s evenly paced for ${SECONDS} s after ${WARMUP_SECONDS} s of warm-up; ` +
      `${database ? 'PostgreSQL' : 'embedded PostgreSQL'}, ${process.env.REDIS_URL ? 'Redis' : 'in-process counters'}${EXTRA_NODE_ARGS.length ? `; connector flags ${EXTRA_NODE_ARGS.join(' ')}` : ''}`);
    console.log(`hook p50 ${measured.p50} ms, p99 ${measured.p99} ms, max ${measured.max} ms (pacing clock late by at most ${measured.maxSendLag} ms); ` +
      `bare /health/live p50 ${bare.p50} ms, p99 ${bare.p99} ms; bound 3 x bare p99 + 5 = ${Math.round((3 * bare.p99 + 5) * 10) / 10} ms`);
    const episodes = episodesOf(measured.slow);
    const origin = episodes[0]?.start ?? 0;
    let withGc = 0;
    for (const episode of episodes) {
      const within = ({ at }) => at >= episode.start - 50 && at <= episode.end + episode.worst + 50;
      const pauses = gc.pauses.filter((p) => within(p) && p.ms > 2);
      const simulatorStalls = stalls.stalls.filter(within);
      if (pauses.length) withGc++;
      console.log(
        `  +${String(episode.start - origin).padStart(6)} ms: ${episode.requests} requests over ${SLOW_MS} ms, worst ${episode.worst} ms; ` +
          `connector GC [${pauses.map((p) => `${p.kind} ${p.ms} ms`).join(', ')}]; simulator stalls [${simulatorStalls.map((s) => `${s.ms} ms`).join(', ')}]`,
      );
    }
    const pauses = gc.pauses.filter((p) => p.ms > 2);
    console.log(`${measured.slow.length} requests over ${SLOW_MS} ms in ${episodes.length} episodes, ${withGc} of them with a connector GC pause over 2 ms; ` +
      `${pauses.length} such pauses in the window (longest ${Math.max(0, ...pauses.map((p) => p.ms))} ms); ${stalls.stalls.length} simulator stalls`);
  } finally {
    const problem = await stopInstance(instance);
    if (problem) console.error(problem);
    await live.simulator.close();
    await database?.drop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
