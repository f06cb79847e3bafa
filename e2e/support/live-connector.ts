import { createVonageSimulator, VonageSimulator } from '@otc/vonage-sim';
import { generateKeyPairSync, randomBytes } from 'crypto';
import { Client } from 'pg';
import { AdminCredentials, freePort, RunningConnector, startConnector } from './running-connector';

/** A live-mode connector whose Vonage is the simulator in this (the test) process. */
export interface LiveConnector extends RunningConnector {
  /** What the simulated Vonage received and "sent": messages, cancels, Insights lookups. */
  simulator: VonageSimulator;
  /** The Vonage key and secret the connector is configured with, which also open its admin API. */
  credentials: AdminCredentials;
}

interface SuiteDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh database on the DATABASE_URL server, or null: the connector then runs its embedded one. */
async function createSuiteDatabase(): Promise<SuiteDatabase | null> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return null;
  const name = `otc_e2e_${randomBytes(6).toString('hex')}`;
  const run = async (sql: string) => {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * Starts the simulator here and the built connector in live mode against it, configured as an
 * operator would configure production (Vonage credentials, API hosts, status callback secret).
 */
export async function startLiveConnector(env: Record<string, string> = {}): Promise<LiveConnector> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const credentials = { apiKey: 'e2e-key', apiSecret: `e2e-secret-${randomBytes(8).toString('hex')}` };
  const applicationId = 'c0ffee00-0000-4000-8000-00000000e2e2';
  const signatureSecret = `e2e-signature-${randomBytes(16).toString('hex')}`;
  const port = await freePort();
  const simulator = createVonageSimulator({
    ...credentials,
    applicationId,
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    signatureSecret,
    callbackUrl: `http://127.0.0.1:${port}/v1/hooks/vonage/status`,
  });
  const simulatorUrl = await simulator.listen(0, '127.0.0.1');
  const database = await createSuiteDatabase();
  const connector = await startConnector(
    {
      VONAGE_API_KEY: credentials.apiKey,
      VONAGE_API_SECRET: credentials.apiSecret,
      VONAGE_APPLICATION_ID: applicationId,
      VONAGE_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      VONAGE_SIGNATURE_SECRET: signatureSecret,
      VONAGE_API_HOST: simulatorUrl,
      VONAGE_INSIGHTS_HOST: simulatorUrl,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      HOST: '127.0.0.1',
      JWT_SECRET: randomBytes(32).toString('hex'),
      ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      ...(database ? { DATABASE_URL: database.url } : {}),
      ...env,
    },
    port,
  ).catch(async (error) => {
    await simulator.close();
    await database?.drop();
    throw error;
  });
  return {
    ...connector,
    simulator,
    credentials,
    async stop() {
      await connector.stop();
      await simulator.close();
      await database?.drop();
    },
  };
}
