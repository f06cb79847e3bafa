import { readTrustProxy } from './trust-proxy';
import { readPriceTable } from './price-table';
import { randomBytes } from 'crypto';
import { existsSync, readFileSync, writeFileSync } from 'fs';
import { dataDirProblem } from './data-dir';
import { join, resolve } from 'path';
import { AppConfig, VonageCredentials } from './app-config';
import { SandboxCredentialsFile, ensureSandboxCredentials } from './sandbox-credentials';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    // One problem fits on one line; several are listed one per line.
    super(problems.length === 1 ? `Invalid configuration: ${problems[0]}` : `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

const VONAGE_VARS = ['VONAGE_API_KEY', 'VONAGE_API_SECRET', 'VONAGE_APPLICATION_ID', 'VONAGE_PRIVATE_KEY'] as const;
const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

function readInt(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
    return fallback;
  }
  return value;
}

function readUrl(env: Env, name: string, problems: string[], protocols: string[]): string | null {
  const raw = env[name];
  if (!raw) return null;
  try {
    const url = new URL(raw);
    if (!protocols.includes(url.protocol)) problems.push(`${name} must use ${protocols.join(' or ')}`);
    return raw.replace(/\/+$/, '');
  } catch {
    problems.push(`${name} is not a valid URL`);
    return null;
  }
}

/** Reads a secret from the environment or, in embedded mode only, from a file it creates once in DATA_DIR. */
function persistedSecret(env: Env, name: string, dataDir: string, embedded: boolean, problems: string[]): string {
  const fromEnv = env[name];
  if (fromEnv) {
    if (fromEnv.length < 32) problems.push(`${name} must be at least 32 characters`);
    return fromEnv;
  }
  if (!embedded) {
    problems.push(`${name} is required when DATABASE_URL is set`);
    return '';
  }
  const file = join(dataDir, `${name.toLowerCase()}.secret`);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const generated = randomBytes(32).toString('hex');
  writeFileSync(file, generated, { mode: 0o600 });
  return generated;
}

function readVonage(
  env: Env,
  dataDir: string,
  problems: string[],
): { sandbox: SandboxCredentialsFile | null; credentials: VonageCredentials } {
  const present = VONAGE_VARS.filter((name) => !!env[name]);
  if (present.length === 0) {
    const sandbox = ensureSandboxCredentials(dataDir);
    return { sandbox, credentials: sandbox };
  }
  const missing = VONAGE_VARS.filter((name) => !env[name]);
  if (missing.length > 0) problems.push(`${missing.join(', ')} must be set together with ${present.join(', ')}`);
  const rawKey = env.VONAGE_PRIVATE_KEY ?? '';
  // Accept the key inline (with literal "\n"), or as a path to the .key file Vonage hands out.
  const privateKey = rawKey.includes('BEGIN') ? rawKey.replace(/\\n/g, '\n') : rawKey && existsSync(rawKey) ? readFileSync(rawKey, 'utf8') : rawKey;
  if (rawKey && !privateKey.includes('PRIVATE KEY')) problems.push('VONAGE_PRIVATE_KEY must be a PEM private key or the path to one');
  return {
    sandbox: null,
    credentials: {
      apiKey: env.VONAGE_API_KEY ?? '',
      apiSecret: env.VONAGE_API_SECRET ?? '',
      applicationId: env.VONAGE_APPLICATION_ID ?? '',
      privateKey,
    },
  };
}

function readMetricsToken(raw: string | undefined, problems: string[]): string | null {
  if (!raw) return null;
  if (raw.length < 16 || !/^[\x21-\x7e]+$/.test(raw)) problems.push('METRICS_TOKEN must be at least 16 visible ASCII characters without spaces');
  return raw;
}

const ALERT_FORMATS: Array<AppConfig['alertWebhookFormat']> = ['slack', 'json'];

/** Validates the whole environment once; throws one error naming every bad variable. */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const dataDir = resolve(env.DATA_DIR || 'data');
  // Everything below may write to DATA_DIR: an unusable one is the only problem worth reporting.
  const unusable = dataDirProblem(dataDir);
  if (unusable) throw new ConfigError([unusable]);
  const port = readInt(env, 'PORT', 3000, 0, 65535, problems);
  const databaseUrl = readUrl(env, 'DATABASE_URL', problems, ['postgres:', 'postgresql:']);
  const redisUrl = readUrl(env, 'REDIS_URL', problems, ['redis:', 'rediss:']);
  const publicUrl = readUrl(env, 'PUBLIC_URL', problems, ['http:', 'https:']) ?? `http://localhost:${port}`;
  const vonage = readVonage(env, dataDir, problems);
  const embedded = databaseUrl === null;
  const encryptionKeyText = persistedSecret(env, 'ENCRYPTION_KEY', dataDir, embedded, problems);
  const logLevel = (env.LOG_LEVEL ?? 'info') as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const brandName = env.BRAND_NAME ?? 'Okta';
  if (brandName.length < 1 || brandName.length > 16) problems.push('BRAND_NAME must be 1 to 16 characters');
  const vonageNumber = env.VONAGE_NUMBER || null;
  if (vonageNumber && !/^(\d{7,15}|[A-Za-z0-9]{3,11})$/.test(vonageNumber)) {
    problems.push('VONAGE_NUMBER must be digits without + (7-15) or 3-11 letters and digits');
  }
  const alertWebhookFormat = (env.ALERT_WEBHOOK_FORMAT || 'slack') as AppConfig['alertWebhookFormat'];
  if (!ALERT_FORMATS.includes(alertWebhookFormat)) problems.push(`ALERT_WEBHOOK_FORMAT must be one of ${ALERT_FORMATS.join(', ')}`);
  const config: AppConfig = {
    port,
    host: env.HOST || '0.0.0.0',
    publicUrl,
    dataDir,
    databaseUrl,
    redisUrl,
    sandbox: vonage.sandbox !== null,
    sandboxCredentials: vonage.sandbox,
    vonage: vonage.credentials,
    vonageApiHost: readUrl(env, 'VONAGE_API_HOST', problems, ['http:', 'https:']),
    vonageInsightsHost: readUrl(env, 'VONAGE_INSIGHTS_HOST', problems, ['http:', 'https:']),
    vonageSignatureSecret: env.VONAGE_SIGNATURE_SECRET || null,
    brandName,
    vonageNumber,
    jwtSecret: persistedSecret(env, 'JWT_SECRET', dataDir, embedded, problems),
    encryptionKey: Buffer.from(encryptionKeyText, 'utf8').subarray(0, 64),
    logLevel,
    hookBudgetMs: readInt(env, 'HOOK_BUDGET_MS', 2500, 500, 2800, problems),
    verifyTimeoutMs: readInt(env, 'VERIFY_TIMEOUT_MS', 1500, 100, 2500, problems),
    insightsTimeoutMs: readInt(env, 'INSIGHTS_TIMEOUT_MS', 700, 100, 2000, problems),
    adminSessionTtlSeconds: readInt(env, 'ADMIN_SESSION_TTL_SECONDS', 3600, 60, 86400, problems),
    hookThrottlePerSecond: readInt(env, 'HOOK_THROTTLE_PER_SECOND', 50, 1, 100_000, problems),
    trustProxy: readTrustProxy(env.TRUST_PROXY, problems),
    eventDeliveryRetentionDays: readInt(env, 'EVENT_DELIVERY_RETENTION_DAYS', 7, 0, 3650, problems),
    jobRetentionDays: readInt(env, 'JOB_RETENTION_DAYS', 30, 1, 3650, problems),
    metricsToken: readMetricsToken(env.METRICS_TOKEN, problems),

    alertWebhookUrl: readUrl(env, 'ALERT_WEBHOOK_URL', problems, ['http:', 'https:']),
    alertWebhookFormat,
    alertWebhookTimeoutMs: readInt(env, 'ALERT_WEBHOOK_TIMEOUT_MS', 5000, 500, 30_000, problems),
    alertPollMs: readInt(env, 'ALERT_POLL_MS', 2000, 100, 60_000, problems),
    priceTable: readPriceTable(env.PRICE_TABLE_FILE, problems),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
