import { DataSourceOptions } from 'typeorm';
import { TokenEntity } from '../tokens/token.entity';
import { ActivityEntity } from '../delivery/activity.entity';
import { AdminSessionEntity } from '../admin/admin-session.entity';
import { AuditEntity } from '../admin/audit.entity';
import { AuthEventEntity } from '../events/auth-event.entity';
import { ConversionJobEntity } from '../events/conversion-job.entity';
import { OktaEventDeliveryEntity } from '../events/okta-event-delivery.entity';
import { MIGRATIONS } from './migrations';
import { FraudRefusalEntity } from '../fraud/fraud-refusal.entity';

/** Bounds on every database wait against a PostgreSQL server; migrations lift them (run-migrations.ts). */
export const DB_CONNECT_TIMEOUT_MS = 1000;
export const DB_QUERY_TIMEOUT_MS = 1500;

export const ENTITIES = [TokenEntity, ActivityEntity, AdminSessionEntity, AuditEntity, OktaEventDeliveryEntity, AuthEventEntity, ConversionJobEntity, FraudRefusalEntity];

export function dataSourceOptions(url: string, embedded: boolean): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    // PGlite runs queries one at a time; a small pool that lets go of idle connections
    // keeps room for the CLI to connect while the connector runs.
    // A server can go away: every wait is bounded well inside the hook's 2.5 s budget, so an outage
    // becomes a fast 503 to Okta (which then uses its own providers) instead of a hung call.
    // query_timeout is enforced by the client (a dead socket), statement_timeout by the server.
    extra: embedded
      ? { max: 4, idleTimeoutMillis: 1000, connectionTimeoutMillis: 5000 }
      : { max: 20, connectionTimeoutMillis: DB_CONNECT_TIMEOUT_MS, query_timeout: DB_QUERY_TIMEOUT_MS, statement_timeout: DB_QUERY_TIMEOUT_MS, keepAlive: true },
  };
}
