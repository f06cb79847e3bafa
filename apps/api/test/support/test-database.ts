import { createTestDatabase, TestDatabase } from '@otc/e2e-support';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

export { createTestDatabase };
export type { TestDatabase };

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
