import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { TokenCreatedDto, TokenDto } from '@otc/contracts';
import { TokensService } from '../tokens/tokens.service';
import { AuditActor, AuditService } from './audit.service';

/** Token administration (admin API and CLI): each change and its audit entry commit together or not at all. */
@Injectable()
export class AdminTokensService {
  constructor(
    private readonly tokens: TokensService,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  create(by: AuditActor, name: unknown, policy: unknown): Promise<TokenCreatedDto> {
    return this.dataSource.transaction(async (em) => {
      const created = await this.tokens.create(name, policy, em);
      await this.audit.tokenCreated(by, created, em);
      return created;
    });
  }

  rotate(by: AuditActor, id: string): Promise<TokenCreatedDto> {
    return this.dataSource.transaction(async (em) => {
      const created = await this.tokens.rotate(id, em);
      await this.audit.tokenRotated(by, created.token.rotatedFromId ?? id, created, em);
      return created;
    });
  }

  revoke(by: AuditActor, id: string): Promise<TokenDto> {
    return this.dataSource.transaction(async (em) => {
      const revoked = await this.tokens.revoke(id, em);
      await this.audit.tokenRevoked(by, revoked, em);
      return revoked;
    });
  }

  updatePolicy(by: AuditActor, id: string, policy: unknown, revision: number | null): Promise<TokenDto> {
    return this.dataSource.transaction(async (em) => {
      const { before, after } = await this.tokens.updatePolicy(id, policy, revision, em);
      await this.audit.tokenPolicyUpdated(by, before, after, em);
      return after;
    });
  }

  list(): Promise<TokenDto[]> {
    return this.tokens.list();
  }

  get(id: string): Promise<TokenDto> {
    return this.tokens.get(id);
  }
}
