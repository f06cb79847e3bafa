import { DataSource } from 'typeorm';

// Any fixed 64-bit number works; it only has to be the same for every instance.
const MIGRATION_LOCK_ID = 7_340_112_901;

/** Runs pending migrations under a PostgreSQL advisory lock so concurrent instances migrate once. */
export async function runMigrationsLocked(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await runner.release();
  }
}
