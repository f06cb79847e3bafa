import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { FraudRefusalDto, TrustedEntryDto, TrustRefusalRequest, TrustRequest } from '@otc/contracts';
import { FraudGuardService } from '../fraud/fraud-guard.service';
import { FraudTrustService } from '../fraud/fraud-trust.service';
import { AdminError } from './admin-errors';
import { AuditActor, AuditService } from './audit.service';

/** The fraud guard's overrides over the API and CLI (lifts, the trusted list): each change and its audit entry commit together or not at all. */
@Injectable()
export class AdminFraudService {
  constructor(
    private readonly guard: FraudGuardService,
    private readonly trusted: FraudTrustService,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async lift(by: AuditActor, id: string, comment: string): Promise<FraudRefusalDto> {
    const lifted = await this.dataSource.transaction(async (em) => {
      const lift = await this.guard.liftRefusalIn(em, id);
      if (!lift) throw new AdminError('FRAUD_REFUSAL_NOT_ACTIVE', 'No refusal with this id is in force (it may have expired or been lifted already)');
      await this.audit.fraudRefusalLifted(by, lift.refusal, comment, em);
      return lift;
    });
    await lifted.afterCommit();
    return lifted.refusal;
  }

  trust(by: AuditActor, request: TrustRequest): Promise<TrustedEntryDto> {
    return this.dataSource.transaction(async (em) => {
      const trust = { tokenId: request.tokenId ?? null, comment: request.comment, expiresInDays: request.expiresInDays, createdBy: by.actor };
      const entry = await this.trusted.add(request.kind, request.value, trust, em);
      await this.audit.fraudTrusted(by, entry, em);
      return entry;
    });
  }

  trustRefusal(by: AuditActor, refusalId: string, request: TrustRefusalRequest): Promise<TrustedEntryDto> {
    return this.dataSource.transaction(async (em) => {
      const entry = await this.trusted.addFromRefusal(refusalId, { ...request, createdBy: by.actor }, em);
      await this.audit.fraudTrusted(by, entry, em);
      return entry;
    });
  }

  untrust(by: AuditActor, id: string): Promise<void> {
    return this.dataSource.transaction(async (em) => {
      const removed = await this.trusted.remove(id, em);
      await this.audit.fraudUntrusted(by, removed, em);
    });
  }
}
