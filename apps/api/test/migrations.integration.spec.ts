import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../src/database/migrations';
import { startTestConnector, TestConnector } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

// Two instances sharing one embedded PGlite is not a thing; scale-out runs on a PostgreSQL server.
const describeWithServer = process.env.DATABASE_URL ? describe : describe.skip;
if (!process.env.DATABASE_URL) {
  console.log('migrations.integration.spec: skipped, it needs a PostgreSQL server (set DATABASE_URL, as CI does)');
}

describeWithServer('Migrations when several instances start at once', () => {
  let database: TestDatabase;
  const connectors: TestConnector[] = [];

  beforeAll(async () => {
    database = (await createTestDatabase())!;
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
