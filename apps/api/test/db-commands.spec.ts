import { INestApplicationContext } from '@nestjs/common';
import { defaultPolicy } from '@otc/contracts';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DataSource } from 'typeorm';
import { openCliContext } from '../src/cli/cli-context';
import { generateMigration, resetDatabase } from '../src/cli/db-commands';
import { loadConfig } from '../src/config/load-config';
import { TokensService } from '../src/tokens/tokens.service';
import { createStandaloneTestDatabase, TestDatabase } from './support/test-database';

// `npm run db:reset` and `db generate-migration` run in the CLI's process, with no connector (and
// none of its background workers) on the database: so do these tests.
describe('database commands', () => {
  let database: TestDatabase;
  let dataDir: string;
  let cli: { context: INestApplicationContext; close(): Promise<void> };

  beforeAll(async () => {
    database = await createStandaloneTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'otc-db-commands-'));
    const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: database.url, JWT_SECRET: 'j'.repeat(40), ENCRYPTION_KEY: 'e'.repeat(40), LOG_LEVEL: 'error' });
    cli = await openCliContext(config);
  });

  afterAll(async () => {
    await cli?.close();
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('should find nothing to generate when the entities match the committed migrations', async () => {
    expect(await generateMigration(cli.context.get(DataSource), 'NothingNew')).toBeNull();
  });

  it('should refuse a migration name that is not a PascalCase action', async () => {
    await expect(generateMigration(cli.context.get(DataSource), 'drop table')).rejects.toThrow(/PascalCase/);
  });

  it('should leave every table empty and migrated after a reset', async () => {
    const tokens = cli.context.get(TokensService);
    await tokens.create('before the reset', defaultPolicy());

    await resetDatabase(cli.context.get(DataSource));

    expect(await tokens.list()).toEqual([]);
    const migrations = await cli.context.get(DataSource).query('SELECT count(*)::int AS n FROM migrations');
    expect(migrations[0].n).toBeGreaterThan(0);
  });
});
