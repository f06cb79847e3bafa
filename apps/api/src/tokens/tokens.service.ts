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
import { TokenCache, issuerCacheKey } from './token-cache';

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
    private readonly cache: TokenCache,
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
    // Other instances hear of it through the database's change notification; this one knows now.
    this.cache.invalidate();
    return this.issue(token.name, token.policy, token.id, em);
  }

  async revoke(id: string, em?: EntityManager): Promise<TokenDto> {
    const token = await this.getEntity(id, em);
    if (!(await this.tokens.revoke(token.id, this.clock.now(), em))) {
      throw new TokenError('TOKEN_ALREADY_REVOKED', 'The token is already revoked');
    }
    this.cache.invalidate();
    return this.toDto(await this.getEntity(token.id, em));
  }

  async list(): Promise<TokenDto[]> {
    const tokens = await this.tokens.listNewestFirst();
    const successors = new Map(tokens.filter((t) => t.rotatedFromId).map((t) => [t.rotatedFromId!, t.id]));
    return tokens.map((t) => this.toDto(t, successors.get(t.id) ?? null));
  }

  /** The id of the token with this id or short id, or null when there is none. */
  async idOf(idOrShortId: string): Promise<string | null> {
    return (await this.tokens.findByIdOrShortId(idOrShortId))?.id ?? null;
  }

  async get(id: string): Promise<TokenDto> {
    const token = await this.getEntity(id);
    return this.toDto(token, (await this.tokens.findRotatedFrom(token.id))?.id ?? null);
  }

  /**
   * Replaces the policy of a live token in place: same id, same secret, next revision. A policy
   * without `expiresIn` keeps the token's; a different one is refused (the lifetime is fixed at issue).
   */
  async updatePolicy(id: string, policyInput: unknown, expectedRevision: number | null, em?: EntityManager): Promise<{ before: TokenDto; after: TokenDto }> {
    const token = await this.getEntity(id, em);
    const status = tokenStatus(token, this.clock.now());
    if (status !== 'ACTIVE' && status !== 'GRACE_PERIOD') {
      throw new TokenError('TOKEN_NOT_EDITABLE', `Only a live token's policy can be edited; this one is ${status.toLowerCase()}`);
    }
    const keepsExpiry = typeof policyInput === 'object' && policyInput !== null && !Array.isArray(policyInput) && !('expiresIn' in policyInput);
    const input = keepsExpiry ? { ...policyInput, expiresIn: token.policy.expiresIn } : policyInput;
    const parsed = parsePolicy(input);
    if (!parsed.ok) throw new TokenError('INVALID_POLICY', parsed.errors.map((e) => e.message).join('; '), parsed.errors);
    if (parsed.policy.expiresIn !== token.policy.expiresIn) {
      const message = 'expiresIn cannot change on an existing token; rotate it to start a new lifetime';
      throw new TokenError('INVALID_POLICY', message, [{ field: 'expiresIn', message }]);
    }
    if (!(await this.tokens.updatePolicy(token.id, parsed.policy, expectedRevision, this.clock.now(), em))) {
      throw new TokenError('TOKEN_POLICY_CHANGED', 'The policy was edited meanwhile; reload it and apply your change again');
    }
    // Read back in the caller's transaction: the new revision is not visible outside it yet.
    const rotatedToId = (await this.tokens.findRotatedFrom(token.id))?.id ?? null;
    return { before: this.toDto(token), after: this.toDto(await this.getEntity(token.id, em), rotatedToId) };
  }

  /**
   * Finds the token whose secret is in the header value. Read through the token cache, which every
   * change to a token, made on any instance, empties (token-cache.ts).
   */
  async authenticate(headerValue: string | undefined): Promise<AuthenticatedToken | null> {
    const candidates = secretCandidates(headerValue).filter((c) => c.length >= 8 && c.length <= 512);
    if (candidates.length === 0) return null;
    // Lookup is by SHA-256 digest through a unique index: equality on a digest leaks nothing useful.
    const hashes = candidates.map(hashTokenSecret);
    const found = await this.cache.lookup(hashes.join(','), () => this.tokens.findCredentials(hashes));
    const now = this.clock.now();
    const token = found.find((t) => acceptsHookCalls(tokenStatus(t, now)));
    if (!token) return null;
    this.lastUsed.note(token.id);
    return { id: token.id, shortId: token.shortId, policy: token.policy };
  }

  /**
   * Finds the token whose policy accepts this OAuth 2.0 access token (Bearer JWT): issuer, signature,
   * expiry, audience and scope all checked, and the token itself still accepting hook calls. The
   * tokens of an issuer are read through the same cache as secrets, so a revocation or a policy
   * change made anywhere applies as it does there.
   */
  async authenticateAccessToken(headerValue: string | undefined): Promise<AuthenticatedToken | null> {
    const claimed = claimedIssuer(headerValue);
    if (!claimed) return null;
    // A cache key no secret digest list can take (those are hex); only issuers some token names are kept.
    const found = await this.cache.lookup(issuerCacheKey(claimed.issuer), () => this.tokens.findCredentialsByOAuthIssuer(claimed.issuer));
    const now = this.clock.now();
    const candidates = found.filter((t) => t.policy.oauth && acceptsHookCalls(tokenStatus(t, now)));
    for (const token of candidates) {
      if (await this.accessTokens.verify(claimed.jwt, token.policy.oauth!)) {
        this.lastUsed.note(token.id);
        return { id: token.id, shortId: token.shortId, policy: token.policy };
      }
    }
    return null;
  }

  toDto(token: TokenEntity, rotatedToId: string | null = null): TokenDto {
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
      rotatedToId,
      policy: token.policy,
      policyRevision: token.policyRevision,
      policyUpdatedAt: token.policyUpdatedAt?.toISOString() ?? null,
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
      policyRevision: 1,
      policyUpdatedAt: null,
    }, em);
    // A new token may join an OAuth issuer's cached list: other instances hear of it by notification.
    this.cache.invalidateIssuers();
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
