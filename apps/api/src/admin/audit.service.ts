import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
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

export type AuditAction =
  | 'auth.sign_in'
  | 'auth.sign_in_failed'
  | 'auth.sign_out'
  | 'token.created'
  | 'token.rotated'
  | 'token.revoked'
  | 'token.policy_updated'
  | 'fraud.refusal_lifted'
  | 'fraud.trusted'
  | 'fraud.untrusted'
  | 'alert.posted'
  | 'alert.abandoned';

@Injectable()
export class AuditService {
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

  tokenCreated(by: AuditActor, created: TokenCreatedDto, em?: EntityManager): Promise<void> {
    return this.record(by, 'token.created', created.id, `name "${created.token.name}" (${created.token.shortId})`, em);
  }

  tokenRotated(by: AuditActor, oldTokenId: string, created: TokenCreatedDto, em?: EntityManager): Promise<void> {
    return this.record(by, 'token.rotated', oldTokenId, `new token ${created.id} (${created.token.shortId}); old one in grace period`, em);
  }

  tokenRevoked(by: AuditActor, token: TokenDto, em?: EntityManager): Promise<void> {
    return this.record(by, 'token.revoked', token.id, `name "${token.name}" (${token.shortId})`, em);
  }

  tokenPolicyUpdated(by: AuditActor, before: TokenDto, after: TokenDto, em?: EntityManager): Promise<void> {
    const changes = policyChanges(before.policy, after.policy);
    return this.record(by, 'token.policy_updated', after.id, `revision ${after.policyRevision}: ${changes.length > 0 ? changes.join('; ') : 'no field changed'}`, em);
  }

  fraudRefusalLifted(by: AuditActor, refusal: FraudRefusalDto, comment: string, em?: EntityManager): Promise<void> {
    const detail = `lifted ${refusal.scopeLabel} (${refusal.reasonCode}, level ${refusal.level}, token ${refusal.tokenId}): ${comment}`;
    return this.record(by, 'fraud.refusal_lifted', refusal.id, detail.slice(0, 500), em);
  }

  fraudTrusted(by: AuditActor, entry: TrustedEntryDto, em?: EntityManager): Promise<void> {
    const detail = `trusted ${entry.kind} ${entry.label} for ${entry.tokenId ? `token ${entry.tokenId}` : 'every token'} until ${entry.expiresAt}: ${entry.comment}`;
    return this.record(by, 'fraud.trusted', entry.id, detail.slice(0, 500), em);
  }

  fraudUntrusted(by: AuditActor, entry: Pick<TrustedEntryDto, 'id' | 'kind' | 'label'>, em?: EntityManager): Promise<void> {
    return this.record(by, 'fraud.untrusted', entry.id, `removed ${entry.kind} ${entry.label} from the trusted list`, em);
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
   * No audit, no action: a failed write fails the request. Token changes and fraud overrides pass the transaction they
   * run in, so the change is rolled back with it (and a secret is never shown for a token that was
   * not recorded); a sign-in whose entry cannot be written gets no session token.
   */
  private async record(by: AuditActor, action: AuditAction, targetId: string | null, detail: string | null, em?: EntityManager): Promise<void> {
    await this.audit.append({ at: this.clock.now(), actor: by.actor, action, targetId, clientAddress: by.clientAddress, detail }, em);
  }
}

function describeAlert(subject: FraudAlertSubject): string {
  if (subject.kind === 'REFUSAL_OPENED') return `alert: refusing ${subject.scopeLabel} (${subject.reasonCode})`;
  if (subject.kind === 'SPEND_CAP_REACHED') return `alert: spend cap ${subject.cap.toFixed(2)} ${subject.currency} reached in ${subject.period} by token ${subject.tokenId}`;
  return `alert: spend ${subject.spend.toFixed(2)} ${subject.currency} in ${subject.period}`;
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

function flatten(value: unknown, path: string, into: Map<string, string>): Map<string, string> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, path ? `${path}.${key}` : key, into);
  } else {
    into.set(path, JSON.stringify(value));
  }
  return into;
}

/** "onFlag "BLOCK" -> "LOG_ONLY"" for each policy field that changed. */
export function policyChanges(before: object, after: object): string[] {
  const old = flatten(before, '', new Map());
  const now = flatten(after, '', new Map());
  const fields = [...new Set([...old.keys(), ...now.keys()])].sort();
  return fields.filter((f) => old.get(f) !== now.get(f)).map((f) => `${f} ${old.get(f) ?? 'unset'} -> ${now.get(f) ?? 'unset'}`);
}
