import { DataSourceOptions } from 'typeorm';
import { TokenEntity } from '../tokens/token.entity';
import { ActivityEntity } from '../delivery/activity.entity';
import { AdminSessionEntity } from '../admin/admin-session.entity';
import { AuditEntity } from '../admin/audit.entity';
import { AuthEventEntity } from '../events/auth-event.entity';
import { ConversionJobEntity } from '../events/conversion-job.entity';
import { OktaEventDeliveryEntity } from '../events/okta-event-delivery.entity';
import { MIGRATIONS } from './migrations';

export const ENTITIES = [TokenEntity, ActivityEntity, AdminSessionEntity, AuditEntity, OktaEventDeliveryEntity, AuthEventEntity, ConversionJobEntity];

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
    extra: embedded
      ? { max: 4, idleTimeoutMillis: 1000, connectionTimeoutMillis: 5000 }
      : { max: 20, connectionTimeoutMillis: 2000, statement_timeout: 5000 },
  };
}
