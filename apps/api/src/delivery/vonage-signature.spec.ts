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

  it('should accept a token signed with the secret whose payload_hash matches the body', () => {
    expect(verifyVonageSignature(jwt({ payload_hash: hash }, 's3cret'), body, 's3cret').ok).toBe(true);
  });

  it.each([
    ['no token', undefined, 's3cret'],
    ['another secret', jwt({ payload_hash: hash }, 'other'), 's3cret'],
    ['alg none', jwt({}, 's3cret', 'none'), 's3cret'],
    ['no secret configured', jwt({ payload_hash: hash }, 's3cret'), null],
  ])('should refuse %s', (_, header, secret) => {
    expect(verifyVonageSignature(header, body, secret).ok).toBe(false);
  });

  it('should refuse a token whose exp has passed', () => {
    expect(verifyVonageSignature(jwt({ payload_hash: hash, exp: Math.floor(Date.now() / 1000) - 60 }, 's3cret'), body, 's3cret').ok).toBe(false);
  });

  it('should refuse a body that is not the one signed', () => {
    expect(verifyVonageSignature(jwt({ payload_hash: hash }, 's3cret'), body.replace('completed', 'failed'), 's3cret')).toEqual({ ok: false, reason: 'payload_hash does not match the body' });
  });
});
