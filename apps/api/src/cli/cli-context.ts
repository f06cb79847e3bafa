import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CLOCK, systemClock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { dataSourceOptions } from '../database/data-source-options';
import { EmbeddedPostgres, findRunningEmbeddedPostgres, startEmbeddedPostgres } from '../database/embedded-postgres';
import { runMigrationsLocked } from '../database/run-migrations';
import { TokensModule } from '../tokens/tokens.module';
import { AuditModule } from '../admin/audit.module';
import { AdminTokensService } from '../admin/admin-tokens.service';
import { AdminFraudService } from '../admin/admin-fraud.service';
import { FraudModule } from '../fraud/fraud.module';
import { ConversionReportModule } from '../dashboard/conversion-report.module';
import { SpendModule } from '../spend/spend.module';

@Module({})
class CliModule {}

/**
 * The CLI works on the same database as the connector: the configured one, the embedded one a
 * running connector serves, or (nothing running) the embedded one opened here.
 */
export async function openCliContext(config: AppConfig): Promise<{ context: INestApplicationContext; close(): Promise<void> }> {
  let embedded: EmbeddedPostgres | null = null;
  let url = config.databaseUrl;
  if (url === null) {
    url = findRunningEmbeddedPostgres(config.dataDir);
    if (url === null) {
      embedded = await startEmbeddedPostgres(config.dataDir, { role: 'CLI command' });
      url = embedded.url;
    }
  }
  const configModule = ConfigModule.forRoot(config);
  const context = await NestFactory.createApplicationContext(
    {
      module: CliModule,
      global: true,
      imports: [configModule, TypeOrmModule.forRoot(dataSourceOptions(url)), TokensModule, AuditModule, FraudModule, SpendModule, ConversionReportModule],
      providers: [{ provide: CLOCK, useValue: systemClock }, AdminTokensService, AdminFraudService],
      exports: [CLOCK, configModule],
    },
    { logger: false },
  );
  await runMigrationsLocked(context.get(DataSource));
  return {
    context,
    async close() {
      await context.close();
      await embedded?.stop();
    },
  };
}
