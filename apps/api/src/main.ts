import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from './config/load-config';
import { createConnectorApp } from './create-app';
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
