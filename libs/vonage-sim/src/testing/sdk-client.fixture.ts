import { generateKeyPairSync } from 'crypto';
import { Auth } from '@vonage/auth';
import { tokenGenerate } from '@vonage/jwt';
import { Vonage } from '@vonage/server-sdk';

export const TEST_APPLICATION_ID = 'c0ffee00-0000-4000-8000-000000000001';

export interface TestKeyPair {
  privateKey: string;
  publicKey: string;
}

export const generateTestKeyPair = (): TestKeyPair =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });

/** The real SDK, configured the way the connector configures it, pointed at the simulator. */
export function sdkClient(url: string, keys: TestKeyPair, extra: { applicationId?: string; timeout?: number } = {}): Vonage {
  const auth = new Auth({ applicationId: extra.applicationId ?? TEST_APPLICATION_ID, privateKey: keys.privateKey });
  return new Vonage(auth, { apiHost: url, identityInsightsHost: url, ...(extra.timeout ? { timeout: extra.timeout } : {}) });
}

export const bearerFor = (keys: TestKeyPair, applicationId = TEST_APPLICATION_ID) => `Bearer ${tokenGenerate(applicationId, keys.privateKey)}`;

export const basicFor = (key: string, secret: string) => `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;

/** Status and parsed body of an SDK VetchError. */
export async function sdkFailure(promise: Promise<unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    const response = (error as { response?: Response }).response;
    if (!response) throw error;
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }
  throw new Error('expected the SDK call to fail');
}
