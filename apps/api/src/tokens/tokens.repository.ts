import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { TokenEntity } from './token.entity';
import { UUID_PATTERN } from '@otc/contracts';
import type { TokenPolicy } from '@otc/contracts';
import { PreparedStatement } from '../database/prepared-statement';

export type TokenCredentials = Pick<TokenEntity, 'id' | 'shortId' | 'policy' | 'expiresAt' | 'graceEndsAt' | 'revokedAt'>;

interface CredentialsRow {
  id: string;
  short_id: string;
  policy: TokenPolicy;
  expires_at: Date | null;
  grace_ends_at: Date | null;
  revoked_at: Date | null;
}

const FIND_CREDENTIALS = new PreparedStatement<CredentialsRow>(
  'otc_token_credentials',
  `SELECT id, short_id, policy, expires_at, grace_ends_at, revoked_at FROM token WHERE secret_hash = ANY($1::bpchar[])`,
);

const FIND_OAUTH_CREDENTIALS = new PreparedStatement<CredentialsRow>(
  'otc_token_oauth_credentials',
  `SELECT id, short_id, policy, expires_at, grace_ends_at, revoked_at FROM token WHERE policy -> 'oauth' ->> 'issuer' = $1`,
);

function toCredentials(r: CredentialsRow): TokenCredentials {
  return { id: r.id, shortId: r.short_id, policy: r.policy, expiresAt: r.expires_at, graceEndsAt: r.grace_ends_at, revokedAt: r.revoked_at };
}

@Injectable()
export class TokensRepository {
  constructor(@InjectRepository(TokenEntity) private readonly repo: Repository<TokenEntity>) {}

  /** What the hook needs of the tokens with these secret digests (one prepared statement on the hot path). */
  async findCredentials(hashes: string[]): Promise<TokenCredentials[]> {
    const rows = await FIND_CREDENTIALS.run(this.repo.manager.connection, [hashes]);
    return rows.map(toCredentials);
  }

  /** What the hook needs of the tokens whose policy accepts access tokens from this issuer (a few rows: no index). */
  async findCredentialsByOAuthIssuer(issuer: string): Promise<TokenCredentials[]> {
    const rows = await FIND_OAUTH_CREDENTIALS.run(this.repo.manager.connection, [issuer]);
    return rows.map(toCredentials);
  }

  findById(id: string): Promise<TokenEntity | null> {
    return this.repo.findOne({ where: { id } });
  }

  /** Writes (and the reads they depend on) may run in a caller's transaction, e.g. with its audit entry. */
  private repoIn(em?: EntityManager): Repository<TokenEntity> {
    return em ? em.getRepository(TokenEntity) : this.repo;
  }

  findByIdOrShortId(idOrShortId: string, em?: EntityManager): Promise<TokenEntity | null> {
    // Strict UUID shape: anything else looked up as a uuid would be a database error, not a 404.
    const isUuid = UUID_PATTERN.test(idOrShortId);
    // Short ids are 8 hex characters; anything else (NUL bytes included, which PostgreSQL refuses) matches nothing.
    if (!isUuid && !/^[0-9a-f]{8}$/i.test(idOrShortId)) return Promise.resolve(null);
    return this.repoIn(em).findOne({ where: isUuid ? { id: idOrShortId } : { shortId: idOrShortId } });
  }

  listNewestFirst(): Promise<TokenEntity[]> {
    return this.repo.find({ order: { createdAt: 'DESC' } });
  }

  insert(token: Omit<TokenEntity, 'id'>, em?: EntityManager): Promise<TokenEntity> {
    const repo = this.repoIn(em);
    return repo.save(repo.create(token));
  }

  /** Starts the grace period only if it has not started and the token is not revoked: a second concurrent rotate loses. */
  async startGracePeriod(id: string, graceEndsAt: Date, em?: EntityManager): Promise<boolean> {
    const result = await this.repoIn(em).update({ id, graceEndsAt: IsNull(), revokedAt: IsNull() }, { graceEndsAt });
    return (result.affected ?? 0) > 0;
  }

  async revoke(id: string, at: Date, em?: EntityManager): Promise<boolean> {
    const result = await this.repoIn(em).update({ id, revokedAt: IsNull() }, { revokedAt: at });
    return (result.affected ?? 0) > 0;
  }

  /** Records when each token was really used; a late flush never moves a time backwards. */
  async touchLastUsed(uses: Map<string, Date>): Promise<void> {
    // One statement per token used since the last flush: a handful, whatever the traffic.
    for (const [id, at] of uses) {
      await this.repo
        .createQueryBuilder()
        .update(TokenEntity)
        .set({ lastUsedAt: () => 'GREATEST(last_used_at, :at)' })
        .where('id = :id', { id })
        .setParameter('at', at)
        .execute();
    }
  }

  findRotatedFrom(id: string): Promise<TokenEntity | null> {
    return this.repo.findOne({ where: { rotatedFromId: id } });
  }

  /** Replaces the policy and bumps its revision; with `expectedRevision`, only if nobody edited it meanwhile. */
  async updatePolicy(id: string, policy: TokenEntity['policy'], expectedRevision: number | null, at: Date, em?: EntityManager): Promise<boolean> {
    const qb = this.repoIn(em)
      .createQueryBuilder()
      .update(TokenEntity)
      .set({ policy, policyRevision: () => 'policy_revision + 1', policyUpdatedAt: at })
      .where('id = :id', { id });
    if (expectedRevision !== null) qb.andWhere('policy_revision = :expectedRevision', { expectedRevision });
    const result = await qb.execute();
    return (result.affected ?? 0) > 0;
  }
}
