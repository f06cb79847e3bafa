import { createHash, createHmac } from 'crypto';
import { verifyVonageSignature } from './vonage-signature';

const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
function jwt(claims: object, secret: string, alg = 'HS256'): string {
  const unsigned = `${part({ alg, typ: 'JWT' })}.${part(claims)}`;
  return `Bearer ${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

describe('verifyVonageSignature', () => {
  const body = '{"request_id":"r1","status":"completed"}';
  const hash = createHash('sha256').update(body).digest('hex');
  const fresh = () => ({ iat: Math.floor(Date.now() / 1000), jti: 'a0b1c2d3' });

  it('should accept a token signed with the secret whose payload_hash matches the body', async () => {
    expect(await verifyVonageSignature(jwt({ ...fresh(), payload_hash: hash }, 's3cret'), body, 's3cret')).toMatchObject({ ok: true, jti: 'a0b1c2d3' });
  });

  it('should refuse a signed token without payload_hash, whatever the body', async () => {
    expect(await verifyVonageSignature(jwt(fresh(), 's3cret'), body, 's3cret')).toEqual({ ok: false, reason: 'token has no payload_hash' });
  });

  it.each([
    ['issued in 2001', Date.parse('2001-09-09T01:46:40Z') / 1000],
    ['issued six minutes ago', Math.floor(Date.now() / 1000) - 6 * 60],
    ['issued six minutes in the future', Math.floor(Date.now() / 1000) + 6 * 60],
  ])('should refuse a token %s', async (_, iat) => {
    expect((await verifyVonageSignature(jwt({ ...fresh(), iat, payload_hash: hash }, 's3cret'), body, 's3cret')).ok).toBe(false);
  });

  it('should accept a token issued four minutes ago or ahead (clock skew)', async () => {
    for (const shift of [-4 * 60, 4 * 60]) {
      expect((await verifyVonageSignature(jwt({ ...fresh(), iat: Math.floor(Date.now() / 1000) + shift, payload_hash: hash }, 's3cret'), body, 's3cret')).ok).toBe(true);
    }
  });

  it('should refuse a token without iat or jti', async () => {
    expect((await verifyVonageSignature(jwt({ jti: 'x', payload_hash: hash }, 's3cret'), body, 's3cret')).ok).toBe(false);
    expect((await verifyVonageSignature(jwt({ iat: Math.floor(Date.now() / 1000), payload_hash: hash }, 's3cret'), body, 's3cret')).ok).toBe(false);
  });

  it.each([
    ['no token', undefined, 's3cret'],
    ['another secret', jwt({ ...fresh(), payload_hash: hash }, 'other'), 's3cret'],
    ['alg none', jwt({}, 's3cret', 'none'), 's3cret'],
    ['no secret configured', jwt({ ...fresh(), payload_hash: hash }, 's3cret'), null],
  ])('should refuse %s', async (_, header, secret) => {
    expect((await verifyVonageSignature(header, body, secret)).ok).toBe(false);
  });

  it('should refuse a token whose exp has passed', async () => {
    expect((await verifyVonageSignature(jwt({ ...fresh(), payload_hash: hash, exp: Math.floor(Date.now() / 1000) - 60 }, 's3cret'), body, 's3cret')).ok).toBe(false);
  });

  it('should refuse a token that is not valid yet (nbf in the future)', async () => {
    expect((await verifyVonageSignature(jwt({ ...fresh(), payload_hash: hash, nbf: Math.floor(Date.now() / 1000) + 60 }, 's3cret'), body, 's3cret')).ok).toBe(false);
  });

  it('should follow a changed secret: tokens of the old one are refused, tokens of the new one accepted', async () => {
    const signedWithOld = jwt({ ...fresh(), payload_hash: hash }, 'old-secret');
    expect((await verifyVonageSignature(signedWithOld, body, 'old-secret')).ok).toBe(true);
    expect((await verifyVonageSignature(signedWithOld, body, 'new-secret')).ok).toBe(false);
    expect((await verifyVonageSignature(jwt({ ...fresh(), payload_hash: hash }, 'new-secret'), body, 'new-secret')).ok).toBe(true);
  });

  it('should refuse a body that is not the one signed', async () => {
    expect(await verifyVonageSignature(jwt({ ...fresh(), payload_hash: hash }, 's3cret'), body.replace('completed', 'failed'), 's3cret')).toEqual({ ok: false, reason: 'payload_hash does not match the body' });
  });
});
