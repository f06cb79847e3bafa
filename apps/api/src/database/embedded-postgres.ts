import { existsSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { createConnection } from 'net';
import { join } from 'path';
import { Worker } from 'worker_threads';

const ENDPOINT_FILE = 'embedded-db.json';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

// PGlite executes queries synchronously in WebAssembly; in a worker thread they never stall the
// event loop that answers Okta. The worker is plain CommonJS so it runs the same from source and dist.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('worker_threads');
(async () => {
  const { PGlite } = require(workerData.pglite);
  const { PGLiteSocketServer } = require(workerData.socket);
  const db = await PGlite.create(workerData.dir);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 16 });
  await server.start();
  parentPort.on('message', async () => {
    await server.stop();
    await db.close();
    parentPort.postMessage({ type: 'stopped' });
  });
  parentPort.postMessage({ type: 'ready', address: server.getServerConn() });
})().catch((error) => parentPort.postMessage({ type: 'error', message: String(error && error.message || error) }));
`;

/**
 * Runs PGlite in a worker thread and serves it over the PostgreSQL wire protocol on loopback,
 * so TypeORM, `pg` and the migrations take the same code path as with a real server.
 * The endpoint is written to DATA_DIR so the CLI can reach the database while the connector runs.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      dir: join(dataDir, 'pgdata'),
      pglite: require.resolve('@electric-sql/pglite'),
      socket: require.resolve('@electric-sql/pglite-socket'),
    },
  });
  const address = await new Promise<string>((resolve, reject) => {
    worker.once('message', (message: { type: string; address?: string; message?: string }) =>
      message.type === 'ready' ? resolve(message.address!) : reject(new Error(`Embedded PostgreSQL did not start: ${message.message}`)),
    );
    worker.once('error', reject);
  });
  const url = `postgres://postgres@${address}/postgres`;
  const endpointFile = join(dataDir, ENDPOINT_FILE);
  writeFileSync(endpointFile, JSON.stringify({ url, pid: process.pid }), { mode: 0o600 });
  return {
    url,
    async stop() {
      rmSync(endpointFile, { force: true });
      const stopped = new Promise((resolve) => worker.once('message', resolve));
      worker.postMessage('stop');
      await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 5000))]);
      await worker.terminate();
    },
  };
}

/** The URL of an embedded database served by a running connector, if one answers. */
export async function findRunningEmbeddedPostgres(dataDir: string): Promise<string | null> {
  const endpointFile = join(dataDir, ENDPOINT_FILE);
  if (!existsSync(endpointFile)) return null;
  const { url } = JSON.parse(readFileSync(endpointFile, 'utf8')) as { url: string };
  const { hostname, port } = new URL(url);
  const reachable = await new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port) });
    socket.setTimeout(500);
    socket.once('connect', () => resolve(true));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => resolve(false));
  }).finally(() => undefined);
  return reachable ? url : null;
}
