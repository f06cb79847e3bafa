import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { createConnection } from 'net';
import { join } from 'path';

const ENDPOINT_FILE = 'embedded-db.json';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * Runs PGlite in this process and serves it over the PostgreSQL wire protocol on loopback,
 * so TypeORM, `pg` and the migrations take the same code path as with a real server.
 * The endpoint is written to DATA_DIR so the CLI can reach the database while the connector runs.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const db = await PGlite.create(join(dataDir, 'pgdata'));
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 16 });
  await server.start();
  const url = `postgres://postgres@${server.getServerConn()}/postgres`;
  const endpointFile = join(dataDir, ENDPOINT_FILE);
  writeFileSync(endpointFile, JSON.stringify({ url, pid: process.pid }), { mode: 0o600 });
  return {
    url,
    async stop() {
      rmSync(endpointFile, { force: true });
      await server.stop();
      await db.close();
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
