import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { DataSource } from 'typeorm';
import { runMigrationsLocked } from '../database/run-migrations';

// Where hand-reviewed migrations live, from the workspace root the npm scripts run in.
const MIGRATIONS_DIR = 'apps/api/src/database/migrations';
const HAND_WRITTEN = /^(ALTER TABLE "[^"]+" DROP CONSTRAINT |DROP INDEX |ALTER TABLE "[^"]+" ALTER COLUMN "[^"]+" DROP DEFAULT$)/;

/** Drops every table and migrates from scratch: a clean database for development. */
export async function resetDatabase(dataSource: DataSource): Promise<string[]> {
  await dataSource.query('DROP SCHEMA public CASCADE');
  await dataSource.query('CREATE SCHEMA public');
  return runMigrationsLocked(dataSource);
}

/**
 * Writes a migration holding what the entities need beyond the migrated schema, for review; null when
 * nothing differs. Entities are found by file name, so every module's tables are compared.
 */
export async function generateMigration(dataSource: DataSource, name: string, now = Date.now()): Promise<string | null> {
  if (!/^[A-Z][A-Za-z0-9]{2,80}$/.test(name)) throw new Error('--name must be a PascalCase action, e.g. AddTokenNotes');
  const compared = await new DataSource({ ...dataSource.options, entities: [join(__dirname, '..', '**', '*.entity.{js,ts}')] } as typeof dataSource.options).initialize();
  try {
    const sql = await compared.driver.createSchemaBuilder().log();
    // Indexes, foreign keys and defaults are written by hand in the migrations, not declared on the entities:
    // TypeORM would propose dropping them. Each up query has its down query at the same position.
    const pairs = sql.upQueries.map((up, i) => ({ up: up.query, down: sql.downQueries[i]?.query ?? '' })).filter((p) => !HAND_WRITTEN.test(p.up));
    if (pairs.length === 0) return null;
    const statements = (queries: string[]) => queries.map((q) => `    await q.query(${JSON.stringify(q)});`).join('\n');
    const className = `${name}${now}`;
    const file = join(MIGRATIONS_DIR, `${now}-${name}.ts`);
    mkdirSync(MIGRATIONS_DIR, { recursive: true });
    writeFileSync(
      file,
      `import { MigrationInterface, QueryRunner } from 'typeorm';

// Generated from the entities: review it, name constraints, then list it in migrations/index.ts.
export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(q: QueryRunner): Promise<void> {
${statements(pairs.map((p) => p.up))}
  }

  async down(q: QueryRunner): Promise<void> {
${statements(pairs.map((p) => p.down).reverse())}
  }
}
`,
    );
    return file;
  } finally {
    await compared.destroy();
  }
}
