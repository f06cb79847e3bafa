import type { TypeOrmModuleOptions } from '@nestjs/typeorm';
import { MIGRATIONS } from './migrations';

/** Bounds on every database wait against a PostgreSQL server; migrations lift them (run-migrations.ts). */
export const DB_CONNECT_TIMEOUT_MS = 1000;
export const DB_QUERY_TIMEOUT_MS = 1500;

/** The same for a PostgreSQL server and the embedded one: both are real servers. */
export function dataSourceOptions(url: string): TypeOrmModuleOptions {
  return {
    type: 'postgres',
    url,
    // Each module registers the entities of the tables it owns (TypeOrmModule.forFeature).
    autoLoadEntities: true,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    // A server can go away: every wait is bounded well inside the hook's 2.5 s budget, so an outage
    // becomes a fast 503 to Okta (which then uses its own providers) instead of a hung call.
    // query_timeout is enforced by the client (a dead socket), statement_timeout by the server.
    // Connections are kept once open (warm-pool.ts): none is opened under load.
    extra: {
      max: 20,
      idleTimeoutMillis: 0,
      connectionTimeoutMillis: DB_CONNECT_TIMEOUT_MS,
      query_timeout: DB_QUERY_TIMEOUT_MS,
      statement_timeout: DB_QUERY_TIMEOUT_MS,
      keepAlive: true,
    },
  };
}
