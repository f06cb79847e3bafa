import { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { VonageSimulator } from '@otc/vonage-sim';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { Clock } from './common/clock';
import { ErrorFilter } from './common/error-filter';
import { JsonLogger } from './common/json-logger';
import { serveAdminApp } from './common/serve-admin-app';
import { AppConfig } from './config/app-config';
import { startEmbeddedPostgres } from './database/embedded-postgres';
import { runMigrationsLocked } from './database/run-migrations';
import { HOOK_PATH_PREFIX, MalformedBody } from './hooks/malformed-body';
import { SANDBOX_SIMULATOR, startSandbox } from './sandbox/sandbox';

export interface ConnectorApp {
  app: NestFastifyApplication;
  config: AppConfig;
  simulator: VonageSimulator | null;
  close(): Promise<void>;
}

export interface CreateAppOptions {
  clock?: Clock;
  logger?: LoggerService | false;
}

const BODY_LIMIT_BYTES = 1024 * 1024;

/** Builds the whole connector: embedded database and sandbox when configured so, migrations, HTTP app. */
export async function createConnectorApp(baseConfig: AppConfig, options: CreateAppOptions = {}): Promise<ConnectorApp> {
  const embedded = baseConfig.databaseUrl === null ? await startEmbeddedPostgres(baseConfig.dataDir) : null;
  const sandbox = baseConfig.sandbox ? await startSandbox(baseConfig) : null;
  const config = sandbox?.config ?? baseConfig;
  const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES, trustProxy: true });
  installJsonParser(adapter);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({
      config,
      databaseUrl: embedded?.url ?? config.databaseUrl!,
      clock: options.clock,
      globals: sandbox ? [{ provide: SANDBOX_SIMULATOR, useValue: sandbox.simulator }] : [],
    }),
    adapter,
    { logger: options.logger ?? new JsonLogger(config.logLevel), bodyParser: false },
  );
  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();
  app.getHttpAdapter().getInstance().addHook('onRequest', async (request) => {
    (request as { receivedAt?: number }).receivedAt = Date.now();
  });
  SwaggerModule.setup('docs', app, () =>
    SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('Okta telephony connector').setVersion('1').addBearerAuth().build()),
  );
  await serveAdminApp(app);
  await runMigrationsLocked(app.get(DataSource));
  return {
    app,
    config,
    simulator: sandbox?.simulator ?? null,
    async close() {
      await app.close();
      await sandbox?.simulator.close();
      await embedded?.stop();
    },
  };
}

/** JSON parsing that leaves malformed hook bodies for the controller to refuse after authentication. */
function installJsonParser(adapter: FastifyAdapter): void {
  const fastify = adapter.getInstance();
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      if (request.url.startsWith(HOOK_PATH_PREFIX)) return done(null, new MalformedBody(`body is not valid JSON: ${(error as Error).message}`));
      done(Object.assign(new Error(`Body is not valid JSON: ${(error as Error).message}`), { statusCode: 400 }), undefined);
    }
  });
}
