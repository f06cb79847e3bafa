import { Injectable } from '@nestjs/common';
import type { FraudRefusalDto } from '@otc/contracts';
import { FraudGuardService } from '../fraud/fraud-guard.service';
import { AdminError } from './admin-errors';
import { AuditActor, AuditService } from './audit.service';

/** The fraud guard's overrides over the API, each one audited. */
@Injectable()
export class AdminFraudService {
  constructor(
    private readonly guard: FraudGuardService,
    private readonly audit: AuditService,
  ) {}

  async lift(by: AuditActor, id: string, comment: string): Promise<FraudRefusalDto> {
    const lifted = await this.guard.liftRefusal(id);
    if (!lifted) throw new AdminError('FRAUD_REFUSAL_NOT_ACTIVE', 'No refusal with this id is in force (it may have expired or been lifted already)');
    await this.audit.fraudRefusalLifted(by, lifted, comment);
    return lifted;
  }
}
