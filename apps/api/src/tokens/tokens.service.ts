import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'crypto';
import {
  DEFAULT_AUTH_HEADER_NAME,
  GRACE_PERIOD_SECONDS,
  POLICY_VERSION,
  TOKEN_LIFETIME_SECONDS,
  TokenCreatedDto,
  TokenDto,
  TokenPolicy,
  parsePolicy,
  tokenNameProblem,
} from '@otc/contracts';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { CLOCK, Clock } from '../common/clock';
import { TokenEntity } from './token.entity';
import { TokenError } from './token-errors';
import { generateTokenSecret, hashTokenSecret, secretCandidates } from './token-secret';
import { acceptsHookCalls, tokenStatus } from './token-status';
import { TokensRepository } from './tokens.repository';
import { LastUsedRecorder } from './last-used-recorder';
import { OAuthAccessTokens, claimedIssuer } from './oauth-access-tokens';

export interface AuthenticatedToken {
  id: string;
  shortId: string;
  policy: TokenPolicy;
}

export const TELEPHONY_HOOK_PATH = '/v1/hooks/okta/telephony';
export const EVENT_HOOK_PATH = '/v1/hooks/okta/events';

@Injectable()
export class TokensService {
  constructor(
    private readonly tokens: TokensRepository,
    private readonly lastUsed: LastUsedRecorder,
    private readonly accessTokens: OAuthAccessTokens,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // create, rotate and revoke take an optional EntityManager: the admin side runs them in one
  // transaction with their audit entry.
  async create(name: unknown, policyInput: unknown, em?: EntityManager): Promise<TokenCreatedDto> {
    const cleanName = typeof name === 'string' ? name.trim() : '';
    const problem = tokenNameProblem(cleanName);
    if (problem) throw new TokenError('INVALID_TOKEN_NAME', problem, [{ field: 'name', message: problem }]);
    const parsed = parsePolicy(policyInput);
    if (!parsed.ok) throw new TokenError('INVALID_POLICY', parsed.errors.map((e) => e.message).join('; '), parsed.errors);
    return this.issue(cleanName, parsed.policy, null, em);
  }

  /** New secret, same policy; the old token keeps working for the grace period, then stops. */
  async rotate(id: string, em?: EntityManager): Promise<TokenCreatedDto> {
    const token = await this.getEntity(id, em);
    const status = tokenStatus(token, this.clock.now());
    if (status !== 'ACTIVE') {
      throw new TokenError('TOKEN_NOT_ROTATABLE', `Only an active token can be rotated; this one is ${status.replace('_', ' ').toLowerCase()}`);
    }
    const graceEndsAt = new Date(this.clock.now().getTime() + GRACE_PERIOD_SECONDS * 1000);
    if (!(await this.tokens.startGracePeriod(token.id, graceEndsAt, em))) {
      throw new TokenError('TOKEN_NOT_ROTATABLE', 'The token was rotated or revoked meanwhile');
    }
    return this.issue(token.name, token.policy, token.id, em);
  }

  async revoke(id: string, em?: EntityManager): Promise<TokenDto> {
    const token = await this.getEntity(id, em);
    if (!(await this.tokens.revoke(token.id, this.clock.now(), em))) {
      throw new TokenError('TOKEN_ALREADY_REVOKED', 'The token is already revoked');
    }
    return this.toDto(await this.getEntity(token.id, em));
  }

  async list(): Promise<TokenDto[]> {
    return (await this.tokens.listNewestFirst()).map((t) => this.toDto(t));
  }

  async get(id: string): Promise<TokenDto> {
    return this.toDto(await this.getEntity(id));
  }

  /**
   * Finds the token whose secret is in the header value. Always reads the database, so a revocation
   * made by any instance applies to the very next call.
   */
  async authenticate(headerValue: string | undefined): Promise<AuthenticatedToken | null> {
    const candidates = secretCandidates(headerValue).filter((c) => c.length >= 8 && c.length <= 512);
    if (candidates.length === 0) return null;
    // Lookup is by SHA-256 digest through a unique index: equality on a digest leaks nothing useful.
    const found = await this.tokens.findByHashes(candidates.map(hashTokenSecret));
    const now = this.clock.now();
    const token = found.find((t) => acceptsHookCalls(tokenStatus(t, now)));
    if (!token) return null;
    this.lastUsed.note(token.id);
    return { id: token.id, shortId: token.shortId, policy: token.policy };
  }

  /**
   * Finds the token whose policy accepts this OAuth 2.0 access token (Bearer JWT): issuer, signature,
   * expiry, audience and scope all checked, and the token itself still accepting hook calls.
   */
  async authenticateAccessToken(headerValue: string | undefined): Promise<AuthenticatedToken | null> {
    const claimed = claimedIssuer(headerValue);
    if (!claimed) return null;
    const now = this.clock.now();
    const candidates = (await this.tokens.findByOAuthIssuer(claimed.issuer)).filter((t) => t.policy.oauth && acceptsHookCalls(tokenStatus(t, now)));
    for (const token of candidates) {
      if (await this.accessTokens.verify(claimed.jwt, token.policy.oauth!)) {
        this.lastUsed.note(token.id);
        return { id: token.id, shortId: token.shortId, policy: token.policy };
      }
    }
    return null;
  }

  toDto(token: TokenEntity): TokenDto {
    return {
      id: token.id,
      name: token.name,
      shortId: token.shortId,
      status: tokenStatus(token, this.clock.now()),
      createdAt: token.createdAt.toISOString(),
      expiresAt: token.expiresAt?.toISOString() ?? null,
      graceEndsAt: token.graceEndsAt?.toISOString() ?? null,
      revokedAt: token.revokedAt?.toISOString() ?? null,
      lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
      rotatedFromId: token.rotatedFromId,
      policy: token.policy,
    };
  }

  private async getEntity(idOrShortId: string, em?: EntityManager): Promise<TokenEntity> {
    const token = await this.tokens.findByIdOrShortId(idOrShortId, em);
    if (!token) throw new TokenError('TOKEN_NOT_FOUND', `No token with id ${idOrShortId}`);
    return token;
  }

  private async issue(name: string, policy: TokenPolicy, rotatedFromId: string | null, em?: EntityManager): Promise<TokenCreatedDto> {
    const secret = generateTokenSecret();
    const now = this.clock.now();
    const lifetime = TOKEN_LIFETIME_SECONDS[policy.expiresIn];
    const token = await this.tokens.insert({
      name,
      shortId: randomBytes(4).toString('hex'),
      secretHash: hashTokenSecret(secret),
      authHeaderName: DEFAULT_AUTH_HEADER_NAME,
      policy,
      policyVersion: POLICY_VERSION,
      createdAt: now,
      expiresAt: lifetime === null ? null : new Date(now.getTime() + lifetime * 1000),
      graceEndsAt: null,
      revokedAt: null,
      lastUsedAt: null,
      rotatedFromId,
    }, em);
    const dto = this.toDto(token);
    return {
      id: token.id,
      token: dto,
      telephonyWebhookUrl: `${this.config.publicUrl}${TELEPHONY_HOOK_PATH}`,
      eventWebhookUrl: `${this.config.publicUrl}${EVENT_HOOK_PATH}`,
      authHeaderName: token.authHeaderName,
      tokenSecret: secret,
    };
  }
}
