'use strict';
// An open-loop load at an even pace: request i leaves at start + i / rate whatever the earlier ones
// are doing, and its latency counts from that planned moment, so a slow answer delays nothing and
// hides nothing (no coordinated omission). autocannon's `overallRate` instead sends each second's
// requests at once at the start of the second, so its "steady" p99 measures a burst's queue.
//
// It runs in a worker thread: the benchmark's main thread also serves the Vonage simulator, and its
// event loop must not delay the clock that paces the requests.

const { Worker, isMainThread, parentPort, workerData } = require('worker_threads');

/**
 * Sends `bodies` (JSON strings, or none for a GET) to `url` + `path`, `rate` per second, over at most
 * `connections` keep-alive connections; with `burst` (n > 1) the same rate in groups of n sent at once
 * (n = rate: each second's requests at the start of the second, as autocannon's `overallRate`). Resolves with the request count, p50/p99/max latency in ms,
 * the failures, how late the pacing clock ever sent a request (a figure above a few ms means the
 * load generator itself was starved, and the latencies include that), and the requests slower than
 * `slowOverMs`.
 */
function pacedLoad({ url, path, headers = {}, bodies, count, rate, connections = 64, slowOverMs = Infinity, burst = 1 }) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: { url, path, headers, bodies, count: bodies ? bodies.length : count, rate, connections, slowOverMs, burst } });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`paced load worker exited with ${code}`)));
  });
}

/** `seconds` of telephony hook calls at an even `rate`, each another call from `nextCall` (made before the clock starts). */
function pacedHookLoad({ url, secret, seconds, rate, nextCall, slowOverMs, burst, connections }) {
  const bodies = Array.from({ length: Math.round(seconds * rate) }, () => JSON.stringify(nextCall()));
  return pacedLoad({ url, path: '/v1/hooks/okta/telephony', headers: { authorization: secret }, bodies, rate, slowOverMs, burst, connections });
}

async function runWorker({ url, path, headers, bodies, count, rate, connections, slowOverMs, burst }) {
  const { Pool } = require('undici');
  const { performance } = require('perf_hooks');
  const pool = new Pool(url, { connections, pipelining: 1 });
  const latencies = new Float64Array(count);
  let non2xx = 0;
  let errors = 0;
  let maxSendLag = 0;
  const interval = 1000 / rate;
  const start = performance.now() + 20;
  const dueAt = (i) => start + (burst > 1 ? Math.floor(i / burst) * burst : i) * interval;
  const inFlight = [];
  for (let i = 0; i < count; i++) {
    const due = dueAt(i);
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    maxSendLag = Math.max(maxSendLag, performance.now() - due);
    const request = bodies
      ? { path, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: bodies[i] }
      : { path, method: 'GET', headers };
    inFlight.push(
      pool.request(request).then(
        async (response) => {
          await response.body.dump();
          latencies[i] = performance.now() - due;
          if (response.statusCode < 200 || response.statusCode > 299) non2xx++;
        },
        () => {
          latencies[i] = performance.now() - due;
          errors++;
        },
      ),
    );
  }
  await Promise.all(inFlight);
  await pool.close();
  const sorted = Array.from(latencies).sort((a, b) => a - b);
  const at = (q) => round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]);
  // When each request slower than `slowOverMs` was planned (epoch ms), to line up with other timelines.
  const slow = [];
  latencies.forEach((ms, i) => ms > slowOverMs && slow.push([Math.round(performance.timeOrigin + dueAt(i)), round(ms)]));
  return { total: count, p50: at(0.5), p99: at(0.99), max: at(1), non2xx, errors, maxSendLag: round(maxSendLag), slow };
}

const round = (n) => Math.round(n * 10) / 10;

if (!isMainThread) runWorker(workerData).then((result) => parentPort.postMessage(result));

module.exports = { pacedHookLoad, pacedLoad };
