import { ConfigError, loadConfig } from './config/load-config';
import { closeOnSignals } from './shutdown-signals';
import { printStartupBanner } from './startup-banner';

async function main(): Promise<void> {
  let baseConfig;
  try {
    baseConfig = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  // The application (Nest, TypeORM, the SDKs) is loaded only once the configuration is known to be
  // usable: loading it takes over a second of CPU, which a refused configuration should not wait for.
  await import('reflect-metadata');
  const { createConnectorApp } = await import('./create-app');
  const { Logger } = await import('@nestjs/common');
  let connector;
  try {
    connector = await createConnectorApp(baseConfig);
  } catch (error) {
    process.stderr.write(`Cannot start: ${(error as Error).message}\n`);
    process.exit(1);
  }
  const shutdownLogger = new Logger('Shutdown');
  closeOnSignals(connector, (message) => shutdownLogger.log(message));
  await connector.app.listen(connector.config.port, connector.config.host);
  printStartupBanner(connector.config);
}

void main();
