import { createServer, Server } from 'http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { JWK, KeyLike } from 'jose';

export const OAUTH_AUDIENCE = 'api://telephony-connector';
export const OAUTH_SCOPE = 'okta.telephony.hooks';

export interface AccessTokenOptions {
  kid?: string;
  expiresIn?: string;
  issuer?: string;
  audience?: string;
}

/** A local authorization server: OpenID discovery and a JWKS it can rotate; it counts key-set fetches. */
export class LocalIssuer {
  private server!: Server;
  url = '';
  jwksFetches = 0;
  private published: JWK[] = [];

  async start(): Promise<void> {
    const path = '/oauth2/default';
    this.server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === `${path}/.well-known/openid-configuration`) return res.end(JSON.stringify({ issuer: this.url, jwks_uri: `${this.url}/v1/keys` }));
      if (req.url === `${path}/v1/keys`) {
        this.jwksFetches++;
        return res.end(JSON.stringify({ keys: this.published }));
      }
      res.statusCode = 404;
      res.end('{}');
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}${path}`;
  }

  async newKey(kid: string): Promise<KeyLike> {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    this.published = [...this.published, { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }];
    return privateKey;
  }

  /** An access token as Okta's authorization server issues one (scopes in `scp`), from this issuer unless told otherwise. */
  accessToken(signWith: KeyLike, claims: Record<string, unknown> = {}, options: AccessTokenOptions = {}): Promise<string> {
    return new SignJWT({ scp: [OAUTH_SCOPE], cid: '0oaclient', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'key-1' })
      .setIssuer(options.issuer ?? this.url)
      .setAudience(options.audience ?? OAUTH_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '5m')
      .sign(signWith);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
