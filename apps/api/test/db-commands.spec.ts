import { defaultPolicy } from '@otc/contracts';
import { DataSource } from 'typeorm';
import { generateMigration, resetDatabase } from '../src/cli/db-commands';
import { TokensService } from '../src/tokens/tokens.service';
import { startTestConnector, TestConnector } from './support/test-app';

describe('database commands', () => {
  let connector: TestConnector;

  beforeAll(async () => {
    connector = await startTestConnector();
  });

  afterAll(async () => {
    await connector?.stop();
  });

  it('should find nothing to generate when the entities match the committed migrations', async () => {
    expect(await generateMigration(connector.app.get(DataSource), 'NothingNew')).toBeNull();
  });

  it('should refuse a migration name that is not a PascalCase action', async () => {
    await expect(generateMigration(connector.app.get(DataSource), 'drop table')).rejects.toThrow(/PascalCase/);
  });

  it('should leave every table empty and migrated after a reset', async () => {
    const tokens = connector.app.get(TokensService);
    await tokens.create('before the reset', defaultPolicy());

    await resetDatabase(connector.app.get(DataSource));

    expect(await tokens.list()).toEqual([]);
    const migrations = await connector.app.get(DataSource).query('SELECT count(*)::int AS n FROM migrations');
    expect(migrations[0].n).toBeGreaterThan(0);
  });
});
