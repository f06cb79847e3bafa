import { Injectable } from '@nestjs/common';
import type { TokenCreatedDto, TokenDto } from '@otc/contracts';
import { TokensService } from '../tokens/tokens.service';
import { AuditActor, AuditService } from './audit.service';

/** Token administration over the API: TokensService plus an audit entry for every change. */
@Injectable()
export class AdminTokensService {
  constructor(
    private readonly tokens: TokensService,
    private readonly audit: AuditService,
  ) {}

  async create(by: AuditActor, name: unknown, policy: unknown): Promise<TokenCreatedDto> {
    const created = await this.tokens.create(name, policy);
    await this.audit.tokenCreated(by, created);
    return created;
  }

  async rotate(by: AuditActor, id: string): Promise<TokenCreatedDto> {
    const created = await this.tokens.rotate(id);
    await this.audit.tokenRotated(by, created.token.rotatedFromId ?? id, created);
    return created;
  }

  async revoke(by: AuditActor, id: string): Promise<TokenDto> {
    const revoked = await this.tokens.revoke(id);
    await this.audit.tokenRevoked(by, revoked);
    return revoked;
  }

  async updatePolicy(by: AuditActor, id: string, policy: unknown, revision: number | null): Promise<TokenDto> {
    const { before, after } = await this.tokens.updatePolicy(id, policy, revision);
    await this.audit.tokenPolicyUpdated(by, before, after);
    return after;
  }

  list(): Promise<TokenDto[]> {
    return this.tokens.list();
  }

  get(id: string): Promise<TokenDto> {
    return this.tokens.get(id);
  }
}
