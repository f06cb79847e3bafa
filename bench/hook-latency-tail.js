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
// Per run it also prints what V8's --trace-gc-nvp reports for the measured window: bytes promoted to
// the old generation per OTP and mark-compacts per 10,000 OTPs (far steadier than a p99 on a shared
// machine), and the load average. With BENCH_BASELINE_DIST, BENCH_PAIRS pairs of runs alternate
// between that build and this one (a fresh connector each run) and a last table compares them.
//
// Run after `npx nx run api:build`: `node bench/hook-latency-tail.js` (bench:tail). Env: BENCH_SECONDS
// (20), BENCH_WARMUP_SECONDS (20), BENCH_RATE (200), BENCH_SLOW_MS (20), BENCH_NODE_ARGS (more V8 flags
// for the connector), BENCH_DIST (the directory holding another build's `main.js` and `cli.js`),
// BENCH_BASELINE_DIST (a build to compare with, alternating), BENCH_PAIRS (3), DATABASE_URL (a fresh
// database on that server per run; the embedded PostgreSQL without it), REDIS_URL.

const { loadavg } = require('os');
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
const BASELINE_DIST = process.env.BENCH_BASELINE_DIST || undefined;
const PAIRS = Number(process.env.BENCH_PAIRS || 3);
const HOUSEKEEPING_MS = 60_000;
const GC_KINDS = { s: 'Scavenge', mc: 'Mark-Compact', ms: 'Mark-Compact', mmc: 'Minor-MC' };

/** GC pauses printed by --trace-gc-nvp (one line each), with when this process read them (epoch ms) and bytes promoted. */
function gcRecorder() {
  const pauses = [];
  let pending = '';
  const onOutput = (chunk) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop();
    for (const line of lines) {
      const pause = / pause=([\d.]+) .*? gc=(\w+) /.exec(line);
      if (!pause) continue;
      const promoted = / promoted=(\d+) /.exec(line);
      pauses.push({ at: Date.now(), kind: GC_KINDS[pause[2]] ?? pause[2], ms: Number(pause[1]), promoted: promoted ? Number(promoted[1]) : 0 });
    }
  };
  return { pauses, onOutput };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

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

/** One connector of the build in `dist` (this tree's when undefined): warm-up, measured window, bare endpoint. */
async function runOnce(live, dist, label) {
  const database = process.env.DATABASE_URL ? await createDatabase(process.env.DATABASE_URL, 'otc_bench_tail') : null;
  const gc = gcRecorder();
  const instance = await startInstance('tail', { ...live.env, ...(database ? { DATABASE_URL: database.url } : {}) }, {
    nodeArgs: ['--trace-gc-nvp', ...EXTRA_NODE_ARGS],
    onOutput: gc.onOutput,
    dist,
  });
  // The job worker's housekeeping (rollups, retention) runs at start-up and every 60 s after it.
  const housekeepingFrom = Date.now();
  try {
    const secret = createScreeningToken(instance, `tail-${Date.now()}`, { insights: screeningInsights(false) }, { dist });
    const nextCall = callFactory(`tail-${Date.now()}`);
    const hook = (seconds, slowOverMs) => pacedHookLoad({ url: instance.url, secret, seconds, rate: RATE, nextCall, slowOverMs });
    await hook(WARMUP_SECONDS);
    gc.pauses.length = 0;
    const stalls = stallRecorder();
    const load = loadavg()[0];
    const windowStart = Date.now();
    const measured = await hook(SECONDS, SLOW_MS);
    const windowEnd = Date.now();
    const window = gc.pauses.splice(0);
    stalls.stop();
    const bare = await pacedLoad({ url: instance.url, path: '/health/live', count: SECONDS * RATE, rate: RATE });
    const otps = SECONDS * RATE;
    const result = {
      label,
      load: round(load, 2),
      loadAfter: round(loadavg()[0], 2),
      p50: measured.p50,
      p99: measured.p99,
      max: measured.max,
      bareP99: bare.p99,
      bound: round(3 * bare.p99 + 5),
      promotedPerOtp: Math.round(window.reduce((sum, p) => sum + p.promoted, 0) / otps),
      markCompactsPer10k: round((window.filter((p) => p.kind === 'Mark-Compact').length * 10_000) / otps),
      gcMsPerSecond: round(window.reduce((sum, p) => sum + p.ms, 0) / SECONDS),
      scavengesPerSecond: round(window.filter((p) => p.kind === 'Scavenge').length / SECONDS),
    };

    console.log(`${label}: telephony hook, format-only screening, ${RATE} req/s evenly paced for ${SECONDS} s after ${WARMUP_SECONDS} s of warm-up; ` +
      `${database ? 'PostgreSQL' : 'embedded PostgreSQL'}, ${process.env.REDIS_URL ? 'Redis' : 'in-process counters'}${EXTRA_NODE_ARGS.length ? `; connector flags ${EXTRA_NODE_ARGS.join(' ')}` : ''}; ` +
      `load average ${result.load} before, ${result.loadAfter} after`);
    console.log(`hook p50 ${measured.p50} ms, p99 ${measured.p99} ms, max ${measured.max} ms (pacing clock late by at most ${measured.maxSendLag} ms); ` +
      `bare /health/live p50 ${bare.p50} ms, p99 ${bare.p99} ms; bound 3 x bare p99 + 5 = ${result.bound} ms`);
    console.log(`connector GC in the window: ${result.promotedPerOtp} bytes promoted to the old generation per OTP, ` +
      `${result.markCompactsPer10k} mark-compacts per 10,000 OTPs, ${result.scavengesPerSecond} scavenges and ${result.gcMsPerSecond} ms of GC pauses per second`);
    const episodes = episodesOf(measured.slow);
    const origin = windowStart;
    let withGc = 0;
    for (const episode of episodes) {
      const within = ({ at }) => at >= episode.start - 50 && at <= episode.end + episode.worst + 50;
      const pauses = window.filter((p) => within(p) && p.ms > 2);
      const simulatorStalls = stalls.stalls.filter(within);
      if (pauses.length) withGc++;
      console.log(
        `  +${String(episode.start - origin).padStart(6)} ms: ${episode.requests} requests over ${SLOW_MS} ms, worst ${episode.worst} ms; ` +
          `connector GC [${pauses.map((p) => `${p.kind} ${p.ms} ms`).join(', ')}]; simulator stalls [${simulatorStalls.map((s) => `${s.ms} ms`).join(', ')}]`,
      );
    }
    const housekeeping = [];
    for (let at = housekeepingFrom; at < windowEnd; at += HOUSEKEEPING_MS) if (at >= windowStart) housekeeping.push(at - origin);
    console.log(`job worker housekeeping (the minute's rollup) due about ${housekeeping.map((at) => `+${at} ms`).join(', ') || 'never'} in the window ` +
      `(from the connector's readiness, so a little earlier)`);
    const pauses = window.filter((p) => p.ms > 2);
    console.log(`${measured.slow.length} requests over ${SLOW_MS} ms in ${episodes.length} episodes, ${withGc} of them with a connector GC pause over 2 ms; ` +
      `${pauses.length} such pauses in the window (longest ${Math.max(0, ...pauses.map((p) => p.ms))} ms); ${stalls.stalls.length} simulator stalls`);
    return result;
  } finally {
    const problem = await stopInstance(instance);
    if (problem) console.error(problem);
    await database?.drop();
  }
}

function printComparison(results) {
  const columns = ['load', 'p50', 'p99', 'max', 'bareP99', 'bound', 'promotedPerOtp', 'markCompactsPer10k', 'gcMsPerSecond'];
  console.log(`\nrun | build | ${columns.join(' | ')}`);
  results.forEach((r, i) => console.log(`${i + 1} | ${r.label} | ${columns.map((c) => r[c]).join(' | ')}`));
  const of = (label, column) => median(results.filter((r) => r.label === label).map((r) => r[column]));
  for (const column of ['p99', 'promotedPerOtp', 'markCompactsPer10k', 'gcMsPerSecond']) {
    const base = of('baseline', column);
    const mine = of('this build', column);
    console.log(`median ${column}: baseline ${base}, this build ${mine}, ratio ${base ? round(mine / base, 2) : '-'}`);
  }
  const met = results.filter((r) => r.label === 'this build' && r.p99 <= r.bound).length;
  console.log(`this build met the p99 bound in ${met} of ${results.filter((r) => r.label === 'this build').length} runs`);
}

async function main() {
  const live = await startSimulator(0);
  try {
    if (!BASELINE_DIST) return void (await runOnce(live, DIST, 'this build'));
    const results = [];
    for (let pair = 0; pair < PAIRS; pair++) {
      // Alternate which build goes first, so a trend in the machine's load does not favour one.
      const order = pair % 2 === 0 ? [[BASELINE_DIST, 'baseline'], [DIST, 'this build']] : [[DIST, 'this build'], [BASELINE_DIST, 'baseline']];
      for (const [dist, label] of order) results.push(await runOnce(live, dist, label));
    }
    printComparison(results);
  } finally {
    await live.simulator.close();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
