import { createVonageSimulator, VonageSimulator } from '@otc/vonage-sim';
import { generateKeyPairSync, randomBytes } from 'crypto';
import { AdminCredentials, freePort, RunningConnector, startConnector } from './running-connector';
import { createTestDatabase } from './test-database';

/** A live-mode connector whose Vonage is the simulator in this (the test) process. */
export interface LiveConnector extends RunningConnector {
  /** What the simulated Vonage received and "sent": messages, cancels, Insights lookups. */
  simulator: VonageSimulator;
  /** The Vonage key and secret the connector is configured with, which also open its admin API. */
  credentials: AdminCredentials;
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
  const database = await createTestDatabase();
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
