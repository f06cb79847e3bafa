import { tokenGenerate } from '@vonage/jwt';
import { generateKeyPairSync } from 'crypto';
import { CachedJwtAuth } from './cached-jwt-auth';

jest.mock('@vonage/jwt', () => {
  const actual = jest.requireActual('@vonage/jwt');
  return { ...actual, tokenGenerate: jest.fn(actual.tokenGenerate) };
});

const signings = tokenGenerate as jest.MockedFunction<typeof tokenGenerate>;

describe('CachedJwtAuth', () => {
  const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const params = { applicationId: 'c0ffee00-0000-4000-8000-000000000001', privateKey };
  let nowMs: number;
  beforeEach(() => {
    signings.mockClear();
    nowMs = 1_000_000;
  });

  it('should sign one JWT for a batch of concurrent callers and reuse it within the minute', async () => {
    const auth = new CachedJwtAuth(params, () => nowMs);
    const headers = await Promise.all(Array.from({ length: 50 }, () => auth.createBearerHeader()));
    expect(new Set(headers).size).toBe(1);
    expect(headers[0]).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    nowMs += 59_000;
    expect(await auth.createBearerHeader()).toBe(headers[0]);
    expect(signings).toHaveBeenCalledTimes(1);
  });

  it('should sign a new JWT once the minute is up', async () => {
    const auth = new CachedJwtAuth(params, () => nowMs);
    const first = await auth.createBearerHeader();
    nowMs += 60_000;
    const [second, third] = await Promise.all([auth.createBearerHeader(), auth.createBearerHeader()]);
    expect(second).not.toBe(first);
    expect(third).toBe(second);
    expect(signings).toHaveBeenCalledTimes(2);
  });

  it('should try again after a signing that failed instead of keeping the failure', async () => {
    signings.mockImplementationOnce(() => {
      throw new Error('signing failed');
    });
    const auth = new CachedJwtAuth(params, () => nowMs);
    await expect(auth.createBearerHeader()).rejects.toThrow('signing failed');
    await expect(auth.createBearerHeader()).resolves.toMatch(/^Bearer /);
    expect(signings).toHaveBeenCalledTimes(2);
  });
});
