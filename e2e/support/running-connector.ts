import { ChildProcess, execFile, spawn } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { createServer } from 'net';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { promisify } from 'util';

const ROOT = resolve(__dirname, '../..');
const MAIN = join(ROOT, 'dist/apps/api/main.js');
const CLI = join(ROOT, 'dist/apps/api/cli.js');
const READY_WITHIN_MS = 60_000;
const STOP_WITHIN_MS = 15_000;

/** The built connector (`main.js`) in a process of its own, reached only over HTTP and its CLI. */
export interface RunningConnector {
  baseUrl: string;
  port: number;
  dataDir: string;
  /** Runs `cli.js` with the connector's own environment; resolves to what it printed. */
  cli(args: string[]): Promise<string>;
  /** SIGTERM, waits for the exit, removes the data directory. */
  stop(): Promise<void>;
}

// Below Linux's ephemeral range (32768-60999): a port chosen here and bound a few seconds later
// cannot meanwhile be taken as the local end of some outgoing connection (a database pool's, say).
const FIXED_PORTS = { from: 20_000, to: 32_000 };

function tryListen(port: number): Promise<number | null> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(null));
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as { port: number };
      server.close(() => done(bound));
    });
  });
}

/** A loopback port free now, for a server that binds it later. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await tryListen(FIXED_PORTS.from + Math.floor(Math.random() * (FIXED_PORTS.to - FIXED_PORTS.from)));
    if (port !== null) return port;
  }
  const any = await tryListen(0);
  if (any === null) throw new Error('No free loopback port');
  return any;
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + READY_WITHIN_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`The connector exited early:\n${output()}`);
    const ready = await fetch(`${url}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The connector did not become ready within ${READY_WITHIN_MS / 1000} s:\n${output()}`);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_WITHIN_MS);
  await exited;
  clearTimeout(timer);
}

/**
 * Spawns `main.js` with only PATH, HOME, a fresh DATA_DIR, a free loopback port and `env`: nothing
 * else of the test process's environment (DATABASE_URL, REDIS_URL) leaks in unless `env` says so.
 */
export async function startConnector(env: Record<string, string> = {}, port?: number): Promise<RunningConnector> {
  const dataDir = mkdtempSync(join(tmpdir(), 'otc-e2e-'));
  const listenOn = port ?? (await freePort());
  const fullEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, PORT: String(listenOn), LOG_LEVEL: 'warn', ...env };
  const child = spawn(process.execPath, [MAIN], { env: fullEnv, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const baseUrl = `http://127.0.0.1:${listenOn}`;
  try {
    await waitUntilReady(baseUrl, child, () => output);
  } catch (error) {
    await stopProcess(child);
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    baseUrl,
    port: listenOn,
    dataDir,
    async cli(args) {
      const { stdout } = await promisify(execFile)(process.execPath, [CLI, ...args], { env: { ...fullEnv, LOG_LEVEL: 'error' }, cwd: ROOT });
      return stdout;
    },
    async stop() {
      await stopProcess(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface AdminCredentials {
  apiKey: string;
  apiSecret: string;
}

export interface SandboxConnector extends RunningConnector {
  /** The sandbox sign-in the connector generated into its DATA_DIR. */
  credentials: AdminCredentials;
}

/** The connector exactly as `npm start` runs it: no configuration, embedded database, sandbox mode. */
export async function startSandboxConnector(): Promise<SandboxConnector> {
  const connector = await startConnector();
  const saved = JSON.parse(readFileSync(join(connector.dataDir, 'sandbox-credentials.json'), 'utf8'));
  return { ...connector, credentials: { apiKey: saved.apiKey, apiSecret: saved.apiSecret } };
}
