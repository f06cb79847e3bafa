import { AppConfig } from './config/app-config';

/** Sandbox mode must be impossible to miss; its generated credentials are printed on the first start only. */
export function printStartupBanner(config: AppConfig): void {
  const lines = [`Okta telephony connector listening on ${config.publicUrl}`, `  admin app: ${config.publicUrl}/   API docs: ${config.publicUrl}/docs`];
  if (config.databaseUrl === null) lines.push(`  database: embedded PostgreSQL in ${config.dataDir}`);
  if (config.redisUrl === null) lines.push('  rate limits: in-process counters (single instance only; set REDIS_URL to share them)');
  if (config.sandbox) {
    const bar = '='.repeat(78);
    lines.unshift(bar, ' SANDBOX MODE: no Vonage credentials configured. Nothing is really sent;', ' messages go to the built-in Vonage simulator.', bar);
    const credentials = config.sandboxCredentials;
    if (credentials?.created) {
      lines.push('', ' Sandbox admin sign-in (shown once; stored in DATA_DIR/sandbox-credentials.json):', `   API key:    ${credentials.apiKey}`, `   API secret: ${credentials.apiSecret}`);
    } else {
      lines.push('  sandbox admin credentials: see DATA_DIR/sandbox-credentials.json');
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
