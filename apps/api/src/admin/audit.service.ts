import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AuditEntryDto, FraudAlertSubject, FraudRefusalDto, Page, TokenCreatedDto, TokenDto, TrustedEntryDto } from '@otc/contracts';
import { CLOCK, Clock } from '../common/clock';
import { toPage } from '../common/page';
import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor';
import { AuditEntity } from './audit.entity';
import { AuditRepository } from './audit.repository';

/** Who did it and from where: `admin:<apiKey>` with the request's address, or `cli` with none. */
export interface AuditActor {
  actor: string;
  clientAddress: string | null;
}

export const CLI_ACTOR: AuditActor = { actor: 'cli', clientAddress: null };
const SYSTEM_ACTOR: AuditActor = { actor: 'system', clientAddress: null };
const ANONYMOUS = 'anonymous';

export type AuditAction = 'auth.sign_in' | 'auth.sign_in_failed' | 'auth.sign_out' | 'token.created' | 'token.rotated' | 'token.revoked' | 'fraud.refusal_lifted' | 'fraud.trusted' | 'fraud.untrusted' | 'alert.posted' | 'alert.abandoned';

@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  constructor(
    private readonly audit: AuditRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  signedIn(by: AuditActor): Promise<void> {
    return this.record(by, 'auth.sign_in', null, null);
  }

  // The typed API key is not recorded: admins sometimes paste the secret into the wrong field.
  signInFailed(clientAddress: string | null): Promise<void> {
    return this.record({ actor: ANONYMOUS, clientAddress }, 'auth.sign_in_failed', null, 'wrong API key or secret');
  }

  signedOut(by: AuditActor): Promise<void> {
    return this.record(by, 'auth.sign_out', null, null);
  }

  tokenCreated(by: AuditActor, created: TokenCreatedDto): Promise<void> {
    return this.record(by, 'token.created', created.id, `name "${created.token.name}" (${created.token.shortId})`);
  }

  tokenRotated(by: AuditActor, oldTokenId: string, created: TokenCreatedDto): Promise<void> {
    return this.record(by, 'token.rotated', oldTokenId, `new token ${created.id} (${created.token.shortId}); old one in grace period`);
  }

  tokenRevoked(by: AuditActor, token: TokenDto): Promise<void> {
    return this.record(by, 'token.revoked', token.id, `name "${token.name}" (${token.shortId})`);
  }

  fraudRefusalLifted(by: AuditActor, refusal: FraudRefusalDto, comment: string): Promise<void> {
    const detail = `lifted ${refusal.scopeLabel} (${refusal.reasonCode}, level ${refusal.level}, token ${refusal.tokenId}): ${comment}`;
    return this.record(by, 'fraud.refusal_lifted', refusal.id, detail.slice(0, 500));
  }

  fraudTrusted(by: AuditActor, entry: TrustedEntryDto): Promise<void> {
    const detail = `trusted ${entry.kind} ${entry.label} for ${entry.tokenId ? `token ${entry.tokenId}` : 'every token'} until ${entry.expiresAt}: ${entry.comment}`;
    return this.record(by, 'fraud.trusted', entry.id, detail.slice(0, 500));
  }

  fraudUntrusted(by: AuditActor, entry: Pick<TrustedEntryDto, 'id' | 'kind' | 'label'>): Promise<void> {
    return this.record(by, 'fraud.untrusted', entry.id, `removed ${entry.kind} ${entry.label} from the trusted list`);
  }

  alertPosted(alert: { id: string; subject: FraudAlertSubject }): Promise<void> {
    return this.record(SYSTEM_ACTOR, 'alert.posted', alert.id, `${describeAlert(alert.subject)} posted to ALERT_WEBHOOK_URL`);
  }

  alertAbandoned(alert: { id: string; subject: FraudAlertSubject; attempts: number }, error: string): Promise<void> {
    return this.record(SYSTEM_ACTOR, 'alert.abandoned', alert.id, `${describeAlert(alert.subject)} not posted after ${alert.attempts} attempts: ${error}`.slice(0, 500));
  }

  async page(limit: number, cursor: string | undefined): Promise<Page<AuditEntryDto>> {
    const rows = await this.audit.listNewestFirst(limit + 1, cursor ? decodeAuditCursor(cursor) : null);
    return toPage(rows, limit, toDto, encodeAuditCursor);
  }

  /**
   * The action has already happened when it is recorded: a failed write is logged as an error rather
   * than failing the request, which would hide a secret that is shown only once.
   */
  private async record(by: AuditActor, action: AuditAction, targetId: string | null, detail: string | null): Promise<void> {
    try {
      await this.audit.append({ at: this.clock.now(), actor: by.actor, action, targetId, clientAddress: by.clientAddress, detail });
    } catch (error) {
      this.logger.error(`Could not record audit entry ${action} by ${by.actor}: ${(error as Error).message}`);
    }
  }
}

function describeAlert(subject: FraudAlertSubject): string {
  return subject.kind === 'REFUSAL_OPENED' ? `alert: refusing ${subject.scopeLabel} (${subject.reasonCode})` : `alert: spend ${subject.spend.toFixed(2)} ${subject.currency} in ${subject.period}`;
}

function toDto(entry: AuditEntity): AuditEntryDto {
  return {
    id: entry.id,
    at: entry.at.toISOString(),
    actor: entry.actor,
    action: entry.action,
    targetId: entry.targetId,
    clientAddress: entry.clientAddress,
    detail: entry.detail,
  };
}
