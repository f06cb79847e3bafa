import { createVonageSimulator, VonageSimulator } from '@otc/vonage-sim';
import { AppConfig } from '../config/app-config';

export const SANDBOX_SIMULATOR = Symbol('SANDBOX_SIMULATOR');

// The sandbox runs as long as the connector: the simulator keeps only its newest records (the
// admin app lists the last 100 messages), so its memory does not grow with every OTP.
const SANDBOX_JOURNAL_LIMIT = 1000;

/**
 * Sandbox mode: the Vonage simulator runs in this process and the real SDK is pointed at it,
 * with the generated sandbox credentials. Returns the config the rest of the app sees.
 */
export async function startSandbox(config: AppConfig): Promise<{ config: AppConfig; simulator: VonageSimulator }> {
  const credentials = config.sandboxCredentials!;
  const simulator = createVonageSimulator({
    apiKey: credentials.apiKey,
    apiSecret: credentials.apiSecret,
    applicationId: credentials.applicationId,
    publicKey: credentials.publicKey,
    signatureSecret: config.vonageSignatureSecret ?? credentials.apiSecret,
    callbackUrl: `http://127.0.0.1:${config.port}/v1/hooks/vonage/status`,
    journalLimit: SANDBOX_JOURNAL_LIMIT,
  });
  const url = await simulator.listen(0, '127.0.0.1');
  return {
    simulator,
    config: {
      ...config,
      vonageApiHost: url,
      vonageInsightsHost: url,
      vonageSignatureSecret: config.vonageSignatureSecret ?? credentials.apiSecret,
    },
  };
}
