import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../src/database/migrations';
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
