import { Logger, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { VonageSimulator } from '@otc/vonage-sim';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { Clock } from './common/clock';
import { ErrorFilter } from './common/error-filter';
import { Logger as PinoLogger } from 'nestjs-pino';
import { installJsonParser } from './common/json-body-parser';
import { serveAdminApp } from './common/serve-admin-app';
import { reasonCodeDocs } from './common/reason-code-docs';
import { AppConfig } from './config/app-config';
import { assertPortFree } from './common/assert-port-free';
import { ServerLog, startEmbeddedPostgres } from './database/embedded-postgres';
import { runMigrationsLocked } from './database/run-migrations';
import { warmPool } from './database/warm-pool';
import { SANDBOX_SIMULATOR, startSandbox } from './sandbox/sandbox';
import type { HookRequest } from './tokens/hook-auth.guard';
import { validationPipe } from './common/validation-pipe';

export interface ConnectorApp {
  app: NestFastifyApplication;
  config: AppConfig;
  simulator: VonageSimulator | null;
  close(): Promise<void>;
}

export interface CreateAppOptions {
  clock?: Clock;
  /** Replaces the app's pino logger (tests pass false). */
  logger?: LoggerService | false;
}

const BODY_LIMIT_BYTES = 1024 * 1024;

/** The embedded server's own lines, in the connector's log: its errors are the connector's errors. */
function embeddedServerLog(): ServerLog {
  const logger = new Logger('EmbeddedPostgres');
  return (level, message) => (level === 'error' ? logger.error(message) : logger.warn(message));
}

/** Builds the whole connector: embedded database and sandbox when configured so, migrations, HTTP app. */
export async function createConnectorApp(baseConfig: AppConfig, options: CreateAppOptions = {}): Promise<ConnectorApp> {
  const portFree = () => assertPortFree(baseConfig.host, baseConfig.port);
  const embedded =
    baseConfig.databaseUrl === null
      ? await startEmbeddedPostgres(baseConfig.dataDir, { role: 'connector', log: embeddedServerLog(), beforeWrite: portFree })
      : (await portFree(), null);
  const sandbox = baseConfig.sandbox ? await startSandbox(baseConfig) : null;
  const config = sandbox?.config ?? baseConfig;
  // On close, idle keep-alive sockets are dropped at once; requests in flight finish first.
  const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES, trustProxy: true, forceCloseConnections: 'idle' });
  installJsonParser(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({
      config,
      databaseUrl: embedded?.url ?? config.databaseUrl!,
      clock: options.clock,
      globals: sandbox ? [{ provide: SANDBOX_SIMULATOR, useValue: sandbox.simulator }] : [],
    }),
    adapter,
    options.logger === undefined ? { bufferLogs: true, bodyParser: false } : { logger: options.logger, bodyParser: false },
  );
  if (options.logger === undefined) app.useLogger(app.get(PinoLogger));
  app.useGlobalFilters(new ErrorFilter());
  app.useGlobalPipes(validationPipe);
  // No app.enableShutdownHooks(): on a signal Nest would close only the Nest app and re-raise it,
  // leaving the simulator and the embedded database unstopped. main.ts calls closeOnSignals instead.
  app.getHttpAdapter().getInstance().addHook('onRequest', async (request: HookRequest) => {
    request.receivedAt = Date.now();
  });
  // A keep-alive connection busy when closing starts would otherwise stay open, idle, until its
  // keep-alive timeout (72 s) and hold the shutdown: answers given while closing end their connection.
  let closing: Promise<void> | undefined;
  app.getHttpAdapter().getInstance().addHook('onSend', async (_request: unknown, reply: { header(name: string, value: string): unknown }) => {
    if (closing) reply.header('connection', 'close');
  });
  SwaggerModule.setup('docs', app, () =>
    SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('Okta telephony connector').setDescription(reasonCodeDocs()).setVersion('1').addBearerAuth().build()),
  );
  await serveAdminApp(app);
  await runMigrationsLocked(app.get(DataSource));
  await warmPool(app.get(DataSource));
  return {
    app,
    config,
    simulator: sandbox?.simulator ?? null,
    /** HTTP first (in-flight calls finish, new connections are refused), then workers and the pool, then the simulator, the embedded database last. Idempotent. */
    close() {
      closing ??= (async () => {
        await app.close();
        await sandbox?.simulator.close();
        await embedded?.stop();
      })();
      return closing;
    },
  };
}
