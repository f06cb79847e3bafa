import { generateKeyPairSync, randomBytes, randomUUID } from 'crypto';
import { existsSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { VonageCredentials } from './app-config';

const FILE = 'sandbox-credentials.json';

export interface SandboxCredentialsFile extends VonageCredentials {
  publicKey: string;
  /** True on the first start only, so the credentials are printed once. */
  created?: boolean;
}

/** Sandbox admin/Vonage credentials: generated on first start, persisted in DATA_DIR. */
export function ensureSandboxCredentials(dataDir: string): SandboxCredentialsFile {
  const file = join(dataDir, FILE);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as SandboxCredentialsFile;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const credentials = {
    apiKey: `sandbox-${randomBytes(4).toString('hex')}`,
    apiSecret: randomBytes(18).toString('base64url'),
    applicationId: randomUUID(),
    privateKey,
    publicKey,
  };
  writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  return { ...credentials, created: true };
}
