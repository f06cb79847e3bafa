import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Clock } from '../../src/common/clock';
import { loadConfig } from '../../src/config/load-config';
import { ConnectorApp, createConnectorApp } from '../../src/create-app';
import { createTestDatabase, TestDatabase } from './test-database';
import { freePort } from '@otc/e2e-support';

export { freePort };

export interface TestConnector extends ConnectorApp {
  baseUrl: string;
  /** Stops the app and removes its data directory and test database. */
  stop(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  env?: Record<string, string>;
  /** Reuse a database (e.g. two instances on one database); default: a fresh one. */
  database?: TestDatabase | null;
  dataDir?: string;
}

/**
 * Boots the real connector, listening on loopback, in sandbox mode (the Vonage simulator in-process,
 * the real SDK pointed at it), on a fresh test database or the embedded PostgreSQL in its DATA_DIR.
 */
export async function startTestConnector(options: StartOptions = {}): Promise<TestConnector & { database: TestDatabase | null }> {
  const database = options.database === undefined ? await createTestDatabase() : options.database;
  const ownsDatabase = options.database === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'otc-test-'));
  const port = await freePort();
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    JWT_SECRET: 'j'.repeat(40),
    ENCRYPTION_KEY: 'e'.repeat(40),
    LOG_LEVEL: 'error',
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...options.env,
  });
  const connector = await createConnectorApp(config, { clock: options.clock, logger: false });
  await connector.app.listen(port, '127.0.0.1');
  return {
    ...connector,
    database,
    baseUrl: `http://127.0.0.1:${port}`,
    async stop() {
      await connector.close();
      if (ownsDatabase) await database?.drop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
