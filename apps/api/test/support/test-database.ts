import { randomBytes } from 'crypto';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * With DATABASE_URL set (CI, or a developer's PostgreSQL), each spec file gets its own fresh
 * database on that server; without it, null, and the app runs its embedded PostgreSQL in DATA_DIR.
 */
export async function createTestDatabase(): Promise<TestDatabase | null> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return null;
  const name = `otc_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * A database that outlives one connector (several instances on it, a proxy in front of it): a fresh
 * one on the DATABASE_URL server, or an embedded PostgreSQL of its own outside any DATA_DIR.
 */
export async function createStandaloneTestDatabase(): Promise<TestDatabase> {
  const onServer = await createTestDatabase();
  if (onServer) return onServer;
  const dir = mkdtempSync(join(tmpdir(), 'otc-standalone-db-'));
  const embedded = await startEmbeddedPostgres(dir, { role: 'test database' });
  return {
    url: embedded.url,
    async drop() {
      await embedded.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
