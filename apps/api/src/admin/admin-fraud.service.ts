import { Injectable } from '@nestjs/common';
import type { FraudRefusalDto, TrustedEntryDto, TrustRefusalRequest, TrustRequest } from '@otc/contracts';
import { FraudGuardService } from '../fraud/fraud-guard.service';
import { FraudTrustService } from '../fraud/fraud-trust.service';
import { AdminError } from './admin-errors';
import { AuditActor, AuditService } from './audit.service';

/** The fraud guard's overrides over the API (lifts, the trusted list), each one audited. */
@Injectable()
export class AdminFraudService {
  constructor(
    private readonly guard: FraudGuardService,
    private readonly trusted: FraudTrustService,
    private readonly audit: AuditService,
  ) {}

  async lift(by: AuditActor, id: string, comment: string): Promise<FraudRefusalDto> {
    const lifted = await this.guard.liftRefusal(id);
    if (!lifted) throw new AdminError('FRAUD_REFUSAL_NOT_ACTIVE', 'No refusal with this id is in force (it may have expired or been lifted already)');
    await this.audit.fraudRefusalLifted(by, lifted, comment);
    return lifted;
  }

  async trust(by: AuditActor, request: TrustRequest): Promise<TrustedEntryDto> {
    const entry = await this.trusted.add(request.kind, request.value, { tokenId: request.tokenId ?? null, comment: request.comment, expiresInDays: request.expiresInDays, createdBy: by.actor });
    await this.audit.fraudTrusted(by, entry);
    return entry;
  }

  async trustRefusal(by: AuditActor, refusalId: string, request: TrustRefusalRequest): Promise<TrustedEntryDto> {
    const entry = await this.trusted.addFromRefusal(refusalId, { ...request, createdBy: by.actor });
    await this.audit.fraudTrusted(by, entry);
    return entry;
  }

  async untrust(by: AuditActor, id: string): Promise<void> {
    const removed = await this.trusted.remove(id);
    await this.audit.fraudUntrusted(by, removed);
  }
}
