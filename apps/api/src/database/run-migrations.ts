import { DataSource, DataSourceOptions } from 'typeorm';

// Any fixed 64-bit number works; it only has to be the same for every instance.
const MIGRATION_LOCK_ID = 7_340_112_901;

/**
 * The app's pool bounds every query to fit the hook's budget; a migration (or waiting for another
 * instance's migration under the lock) may take longer, so it runs on its own unbounded connection.
 */
function maintenanceOptions(options: DataSourceOptions): DataSourceOptions {
  const extra: Record<string, unknown> = { ...((options as { extra?: Record<string, unknown> }).extra ?? {}), max: 2 };
  delete extra.query_timeout;
  delete extra.statement_timeout;
  return { ...options, extra } as DataSourceOptions;
}

/** Runs pending migrations under a PostgreSQL advisory lock so concurrent instances migrate once. */
export async function runMigrationsLocked(appDataSource: DataSource): Promise<string[]> {
  const dataSource = await new DataSource(maintenanceOptions(appDataSource.options)).initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await runner.release();
    await dataSource.destroy();
  }
}
