import { defaultPolicy, parsePolicy } from '@otc/contracts';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../src/database/migrations';
import { UpgradeTokenPoliciesToV21764170000000 } from '../src/database/migrations/1764170000000-UpgradeTokenPoliciesToV2';
import { startTestConnector, TestConnector } from './support/test-app';
import { createStandaloneTestDatabase, TestDatabase } from './support/test-database';

jest.setTimeout(60_000);

describe('Migrations when several instances start at once', () => {
  let database: TestDatabase;
  const connectors: TestConnector[] = [];

  beforeAll(async () => {
    database = await createStandaloneTestDatabase();
  });

  afterAll(async () => {
    await Promise.all(connectors.map((c) => c.stop()));
    await database?.drop();
  });

  it('should apply each migration exactly once while three instances boot together on an empty database', async () => {
    connectors.push(...(await Promise.all([1, 2, 3].map(() => startTestConnector({ database })))));

    const applied: Array<{ name: string }> = await connectors[0].app.get(DataSource).query('SELECT name FROM migrations ORDER BY id');
    expect(applied.map((m) => m.name)).toEqual(MIGRATIONS.map((m) => m.name));
    for (const connector of connectors) {
      expect((await fetch(`${connector.baseUrl}/health/ready`)).status).toBe(200);
    }
  });
});

describe('Upgrading stored version 1 policies', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createStandaloneTestDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  function dataSource(migrations: Array<new () => object>): DataSource {
    return new DataSource({ type: 'postgres', url: database.url, migrations: migrations as never, synchronize: false });
  }

  it('should rewrite a version 1 policy as version 2 with the new sections at their defaults, and back', async () => {
    const upgrade = MIGRATIONS.indexOf(UpgradeTokenPoliciesToV21764170000000);
    const before = dataSource(MIGRATIONS.slice(0, upgrade));
    await before.initialize();
    await before.runMigrations();
    const v1 = { ...defaultPolicy(), version: 1, countryAllowlist: ['GB'], onFlag: 'LOG_ONLY' } as Record<string, unknown>;
    for (const key of ['allowNonGeographicNumbers', 'refusalAnswer', 'fraudGuard']) delete v1[key];
    await before.query(`INSERT INTO token (name, short_id, secret_hash, policy, policy_version) VALUES ('old', 'tok_old', $1, $2, 1)`, ['a'.repeat(64), JSON.stringify(v1)]);
    await before.destroy();

    const after = dataSource(MIGRATIONS);
    await after.initialize();
    await after.runMigrations();
    const [row] = await after.query(`SELECT policy, policy_version FROM token WHERE short_id = 'tok_old'`);
    expect(row.policy_version).toBe(2);
    expect(row.policy).toEqual({ ...defaultPolicy(), countryAllowlist: ['GB'], onFlag: 'LOG_ONLY' });
    expect(parsePolicy(row.policy)).toEqual({ ok: true, policy: row.policy });

    // Back to just before the upgrade, whatever migrations came after it.
    for (let i = MIGRATIONS.length - 1; i >= upgrade; i--) await after.undoLastMigration();
    const [reverted] = await after.query(`SELECT policy, policy_version FROM token WHERE short_id = 'tok_old'`);
    expect(reverted).toEqual({ policy: v1, policy_version: 1 });
    await after.destroy();
  });
});
