import { ChildProcess, execFile, spawn } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { createServer } from 'net';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { promisify } from 'util';

const ROOT = resolve(__dirname, '../..');
const MAIN = join(ROOT, 'dist/apps/api/main.js');
const CLI = join(ROOT, 'dist/apps/api/cli.js');

export interface RunningConnector {
  baseUrl: string;
  dataDir: string;
  credentials: { apiKey: string; apiSecret: string };
  cli(args: string[]): Promise<string>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The connector exited early:\n${output()}`);
    const ready = await fetch(`${url}/health/ready`).then((r) => r.ok, () => false);
    if (ready) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The connector did not become ready:\n${output()}`);
}

/** Starts the built connector exactly as `npm start` does: no configuration, embedded database, sandbox. */
export async function startBuiltConnector(): Promise<RunningConnector> {
  const dataDir = mkdtempSync(join(tmpdir(), 'otc-browser-'));
  const port = await freePort();
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' };
  const child = spawn(process.execPath, [MAIN], { env, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilReady(baseUrl, child, () => output);
  const credentials = JSON.parse(readFileSync(join(dataDir, 'sandbox-credentials.json'), 'utf8'));
  return {
    baseUrl,
    dataDir,
    credentials: { apiKey: credentials.apiKey, apiSecret: credentials.apiSecret },
    async cli(args) {
      const { stdout } = await promisify(execFile)(process.execPath, [CLI, ...args], { env, cwd: ROOT });
      return stdout;
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
