#!/usr/bin/env node
'use strict';
// What one OTP costs the connector when requests arrive evenly paced against the same rate in bursts
// (bench:paced). The built connector runs in its own process (live mode, the simulator in this process
// at 0 ms). Per scenario (bare /health/live; hook with format-only screening; the same with the fraud
// guard enforcing over spread traffic; hook with a carrier lookup) and per pattern (`even`: request i
// at start + i / rate; `burst`: each second's requests at once at the start of the second, what
// autocannon's `overallRate` sent), the same BENCH_RATE per second for BENCH_SECONDS, read from /proc
// and the kernel, nothing added to the connector:
// - user and system CPU per request (/proc/PID/stat utime, stime: all threads);
// - voluntary and involuntary context switches per request (/proc/PID/task/*/status, all threads; the
//   main thread's voluntary switches are its event loop going to sleep);
// - with `perf` (BENCH_PERF=1, default when installed): system calls and epoll_wait calls (event-loop
//   wake-ups) per request.
// Then, unless BENCH_DETAIL=0: for this build, the connector's idle CPU (background work, ms per
// second) and `strace -c -f` over one window per pattern (system calls by name per request; strace
// slows the process, so its window's CPU is not reported); for every build, a census pass with an
// async hook preloaded (support/resource-census.js): timers, immediates, ticks ... created per request.
//
// With BENCH_BASELINE_DIST (another build's directory) both builds run at once and every scenario and
// pattern is measured on one right after the other, BENCH_ROUNDS times, so the ratios come from the same
// minutes. Run after `npx nx run api:build`: `node bench/hook-paced-cost.js`. Env: BENCH_SECONDS (8),
// BENCH_WARMUP_SECONDS (20), BENCH_RATE (200), BENCH_ROUNDS (2), BENCH_SCENARIOS (all: bare,format,guard,carrier),
// BENCH_DIST, BENCH_BASELINE_DIST, BENCH_PERF, BENCH_DETAIL, DATABASE_URL (a fresh database per instance;
// embedded PostgreSQL without it), REDIS_URL.

const { execFileSync, spawn } = require('child_process');
const { readdirSync, readFileSync, mkdtempSync, rmSync } = require('fs');
const { loadavg, tmpdir } = require('os');
const { join } = require('path');
const {
  CLOCK_TICKS,
  callFactory,
  createDatabase,
  createScreeningToken,
  guardScenarioPolicy,
  saturatingHookLoad,
  screeningInsights,
  sleep,
  spreadCallFactory,
  startInstance,
  startSimulator,
  stopInstance,
} = require('./support/live-connector');
const { pacedHookLoad, pacedLoad } = require('./support/paced-load');

const SECONDS = Number(process.env.BENCH_SECONDS || 8);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS || 20);
const RATE = Number(process.env.BENCH_RATE || 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 2);
const SCENARIOS = (process.env.BENCH_SCENARIOS || 'bare,format,guard,carrier').split(',');
const THIS_DIST = process.env.BENCH_DIST || undefined;
const BASELINE_DISTS = (process.env.BENCH_BASELINE_DIST || '').split(',').filter(Boolean);
const DETAIL = process.env.BENCH_DETAIL !== '0';
const PATTERNS = { even: 1, burst: RATE };
const RUN_ID = `paced-${Date.now().toString(36)}`;

function hasTool(name) {
  try {
    execFileSync('which', [name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const PERF = process.env.BENCH_PERF ? process.env.BENCH_PERF === '1' : hasTool('perf');
const PERF_EVENTS = ['raw_syscalls:sys_enter', 'syscalls:sys_enter_epoll_wait', 'syscalls:sys_enter_epoll_pwait'];

/** CPU (user, system, in ms) and context switches of every thread of `pid`, and the main thread's voluntary ones. */
function sample(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const switches = { voluntary: 0, involuntary: 0, mainVoluntary: 0 };
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    let status;
    try {
      status = readFileSync(`/proc/${pid}/task/${task}/status`, 'utf8');
    } catch {
      continue;
    }
    const voluntary = Number(/voluntary_ctxt_switches:\s+(\d+)/.exec(status)[1]);
    switches.voluntary += voluntary;
    switches.involuntary += Number(/nonvoluntary_ctxt_switches:\s+(\d+)/.exec(status)[1]);
    if (task === String(pid)) switches.mainVoluntary = voluntary;
  }
  return { user: (Number(fields[11]) * 1000) / CLOCK_TICKS, system: (Number(fields[12]) * 1000) / CLOCK_TICKS, ...switches };
}

/** `perf stat` counting system calls of `pid` until `stop()`; resolves with counts by event. */
function perfCounter(pid) {
  const child = spawn('perf', ['stat', '-x', ',', '-e', PERF_EVENTS.join(','), '-p', String(pid)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let text = '';
  child.stderr.on('data', (chunk) => (text += chunk));
  const done = new Promise((resolve) => child.once('exit', resolve));
  return {
    async stop() {
      child.kill('SIGINT');
      await done;
      const counts = {};
      for (const line of text.split('\n')) {
        const [value, , event] = line.split(',');
        if (event && /^\d+$/.test(value)) counts[event] = Number(value);
      }
      return counts;
    },
  };
}

function load(instance, scenario, burst, seconds) {
  if (!scenario.secret) return pacedLoad({ url: instance.url, path: '/health/live', count: Math.round(seconds * RATE), rate: RATE, burst });
  return pacedHookLoad({ url: instance.url, secret: scenario.secret, seconds, rate: RATE, nextCall: scenario.nextCall, burst });
}

async function measure(instance, scenario, pattern) {
  const perf = PERF ? perfCounter(instance.pid) : null;
  if (perf) await sleep(200);
  const before = sample(instance.pid);
  const result = await load(instance, scenario, PATTERNS[pattern], SECONDS);
  const after = sample(instance.pid);
  const counts = perf ? await perf.stop() : {};
  const n = result.total;
  const per = (x) => Math.round((x / n) * 1000) / 1000;
  return {
    build: instance.label,
    scenario: scenario.name,
    pattern,
    'user ms/req': per(after.user - before.user),
    'sys ms/req': per(after.system - before.system),
    'cpu ms/req': per(after.user + after.system - before.user - before.system),
    'vol cs/req': per(after.voluntary - before.voluntary),
    'main vol cs/req': per(after.mainVoluntary - before.mainVoluntary),
    'invol cs/req': per(after.involuntary - before.involuntary),
    // perf counts the 200 ms before the window too: next to nothing while idle.
    'syscalls/req': perf ? per(counts['raw_syscalls:sys_enter'] ?? NaN) : '-',
    'epoll_wait/req': perf ? per((counts['syscalls:sys_enter_epoll_wait'] ?? 0) + (counts['syscalls:sys_enter_epoll_pwait'] ?? 0)) : '-',
    p50: result.p50,
    p99: result.p99,
    failed: result.non2xx + result.errors,
  };
}

async function startBuild(label, dist, nodeArgs = [], onOutput) {
  const live = await startSimulator(0);
  const database = process.env.DATABASE_URL ? await createDatabase(process.env.DATABASE_URL, 'otc_paced') : null;
  const env = { ...live.env, ...(database ? { DATABASE_URL: database.url } : {}) };
  const instance = await startInstance(`paced-${label}`.replace(/\s/g, '-'), env, { dist, nodeArgs, onOutput });
  const token = (name, changes) => createScreeningToken(instance, `${RUN_ID}-${label}-${name}`.replace(/\s/g, '-'), changes, { dist });
  const sequential = callFactory(`${RUN_ID}-${label}`);
  const all = {
    bare: { name: 'bare /health/live', secret: null },
    format: { name: 'hook, format only', secret: token('format', { insights: screeningInsights(false) }), nextCall: sequential },
    guard: {
      name: 'hook, format only, fraud guard on',
      secret: token('guard', { insights: screeningInsights(false), fraudGuard: guardScenarioPolicy() }),
      nextCall: spreadCallFactory(`${RUN_ID}-${label}-spread`),
    },
    carrier: { name: 'hook, carrier lookup', secret: token('carrier', { insights: screeningInsights(true) }), nextCall: sequential },
  };
  const scenarios = SCENARIOS.map((key) => all[key]);
  return Object.assign(instance, { label, simulator: live.simulator, database, scenarios });
}

async function stopBuild(instance) {
  const problem = await stopInstance(instance);
  if (problem) console.error(problem);
  await instance.simulator.close();
  await instance.database?.drop();
}

async function warmUp(instance) {
  const hooks = instance.scenarios.filter((s) => s.secret);
  for (const scenario of hooks) {
    await saturatingHookLoad({ url: instance.url, secret: scenario.secret, seconds: WARMUP_SECONDS / hooks.length, nextCall: scenario.nextCall, connections: 10 });
  }
  for (const scenario of instance.scenarios) await load(instance, scenario, 1, 1);
}

/** CPU of the connector over `seconds` with no requests: its background work. */
async function idleCost(instance, seconds) {
  await sleep(1000);
  const before = sample(instance.pid);
  await sleep(seconds * 1000);
  const after = sample(instance.pid);
  return { user: (after.user - before.user) / seconds, system: (after.system - before.system) / seconds, voluntary: (after.voluntary - before.voluntary) / seconds };
}

/** System calls by name per request over one window, from `strace -c -f` (which slows the process). */
async function straceWindow(instance, scenario, pattern) {
  const dir = mkdtempSync(join(tmpdir(), 'otc-paced-strace-'));
  const out = join(dir, 'summary');
  const child = spawn('strace', ['-c', '-f', '-o', out, '-p', String(instance.pid)], { stdio: 'ignore' });
  const done = new Promise((resolve) => child.once('exit', resolve));
  await sleep(500);
  const result = await load(instance, scenario, PATTERNS[pattern], SECONDS);
  child.kill('SIGINT');
  await done;
  const calls = {};
  for (const line of readFileSync(out, 'utf8').split('\n')) {
    const m = /^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:\d+\s+)?(\w+)\s*$/.exec(line);
    if (m) calls[m[2]] = Math.round((Number(m[1]) / result.total) * 100) / 100;
  }
  rmSync(dir, { recursive: true, force: true });
  return calls;
}

/** Async resources created per request, by type, with support/resource-census.js preloaded. */
async function census(dist) {
  let lastLine = null;
  const onOutput = (text) => {
    const m = /RESOURCE_CENSUS (\{.*\})/.exec(text);
    if (m) lastLine = JSON.parse(m[1]);
  };
  const instance = await startBuild('census', dist, ['--require', join(__dirname, 'support/resource-census.js')], onOutput);
  const readCounts = async () => {
    lastLine = null;
    process.kill(instance.pid, 'SIGUSR2');
    for (let i = 0; i < 50 && !lastLine; i++) await sleep(20);
    return lastLine ?? {};
  };
  const rows = {};
  try {
    await warmUp(instance);
    for (const scenario of instance.scenarios) {
      for (const pattern of Object.keys(PATTERNS)) {
        const before = await readCounts();
        const result = await load(instance, scenario, PATTERNS[pattern], SECONDS);
        const after = await readCounts();
        const row = {};
        for (const [type, count] of Object.entries(after)) {
          const per = (count - (before[type] ?? 0)) / result.total;
          if (per >= 0.05) row[type] = Math.round(per * 100) / 100;
        }
        rows[`${scenario.name}, ${pattern}`] = row;
      }
    }
  } finally {
    await stopBuild(instance);
  }
  return rows;
}

const load1 = () => loadavg().map((x) => x.toFixed(2)).join(' ');

async function main() {
  const builds = [{ label: 'this build', dist: THIS_DIST }, ...BASELINE_DISTS.map((dist, i) => ({ label: `baseline${i ? i + 1 : ''}`, dist }))];
  const instances = [];
  const rows = [];
  console.log(`load average at start: ${load1()}`);
  try {
    for (const build of builds) instances.push(await startBuild(build.label, build.dist));
    for (const instance of instances) await warmUp(instance);
    for (let round = 0; round < ROUNDS; round++) {
      for (let s = 0; s < SCENARIOS.length; s++) {
        for (const pattern of Object.keys(PATTERNS)) {
          for (const instance of round % 2 ? [...instances].reverse() : instances) {
            const row = { round, ...(await measure(instance, instance.scenarios[s], pattern)) };
            rows.push(row);
            // As it comes, so that an interrupted run still tells something.
            console.log(JSON.stringify(row));
          }
        }
      }
      console.log(`round ${round + 1} done, load average ${load1()}`);
    }
    console.log(`Connector cost per request at ${RATE} req/s, evenly paced and in bursts of ${RATE} (one a second), ${SECONDS} s per window, after ${WARMUP_SECONDS} s of warm-up; ` +
      `${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PostgreSQL'}, ${process.env.REDIS_URL ? 'Redis' : 'in-process counters'}`);
    console.table(rows);
    summarize(rows, builds);
    if (DETAIL) {
      const main = instances[0];
      const idle = await idleCost(main, 5);
      console.log(`${main.label} idle: ${idle.user.toFixed(1)} ms user + ${idle.system.toFixed(1)} ms system CPU per second, ${idle.voluntary.toFixed(0)} voluntary switches per second ` +
        `(${((idle.user + idle.system) / RATE).toFixed(3)} ms per request at ${RATE} req/s)`);
      if (hasTool('strace')) {
        for (const scenario of main.scenarios) {
          const byPattern = {};
          for (const pattern of Object.keys(PATTERNS)) byPattern[pattern] = await straceWindow(main, scenario, pattern);
          const names = [...new Set(Object.values(byPattern).flatMap((c) => Object.keys(c)))].filter((n) => Object.values(byPattern).some((c) => (c[n] ?? 0) >= 0.05));
          console.log(`${main.label}, ${scenario.name}: system calls per request (strace -c -f)`);
          console.table(Object.fromEntries(names.sort((a, b) => (byPattern.even[b] ?? 0) - (byPattern.even[a] ?? 0)).map((n) => [n, Object.fromEntries(Object.keys(PATTERNS).map((p) => [p, byPattern[p][n] ?? 0]))])));
        }
      } else console.log('strace not installed: no system calls by name');
    }
  } finally {
    for (const instance of instances) await stopBuild(instance);
  }
  if (DETAIL) {
    for (const build of builds) {
      console.log(`${build.label}: async resources created per request (async hook preloaded; its CPU not measured)`);
      console.table(await census(build.dist));
    }
  }
  console.log(`load average at end: ${load1()}`);
  return rows.some((r) => r.failed > 0) ? 1 : 0;
}

/** Medians over the rounds; even against burst per build, and this build against each baseline. */
function summarize(rows, builds) {
  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  const med = (build, scenario, pattern, key) => median(rows.filter((r) => r.build === build && r.scenario === scenario && r.pattern === pattern).map((r) => r[key]));
  const scenarios = [...new Set(rows.map((r) => r.scenario))];
  for (const { label } of builds) {
    for (const scenario of scenarios) {
      const part = (pattern) =>
        `${med(label, scenario, pattern, 'cpu ms/req').toFixed(3)} ms (user ${med(label, scenario, pattern, 'user ms/req').toFixed(3)}, sys ${med(label, scenario, pattern, 'sys ms/req').toFixed(3)})`;
      console.log(`${label}, ${scenario}: even ${part('even')}, burst ${part('burst')}; even/burst ${(med(label, scenario, 'even', 'cpu ms/req') / med(label, scenario, 'burst', 'cpu ms/req')).toFixed(2)}x`);
    }
  }
  for (const { label } of builds.slice(1)) {
    for (const scenario of scenarios) {
      for (const pattern of Object.keys(PATTERNS)) {
        const of = (key) => (med(builds[0].label, scenario, pattern, key) / med(label, scenario, pattern, key)).toFixed(2);
        console.log(`${builds[0].label} / ${label}, ${scenario}, ${pattern}: CPU per request ${of('cpu ms/req')}x (user ${of('user ms/req')}x, system ${of('sys ms/req')}x)`);
      }
    }
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
