import { Inject, Injectable, Logger } from '@nestjs/common';
import type { FraudAlertSubject } from '@otc/contracts';
import { CLOCK, Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { FraudAlertsRepository } from './fraud-alerts.repository';
import type { ActiveRefusal } from './fraud-refusals.service';

export interface LeasedAlert {
  id: string;
  subject: FraudAlertSubject;
  attempts: number;
  createdAt: Date;
}

// Waits before each retry: the last one repeats until MAX_ATTEMPTS, about an hour in all.
const RETRY_DELAYS_MS = [5_000, 15_000, 60_000, 5 * 60_000, 15 * 60_000];
const MAX_ATTEMPTS = 8;
const LEASE_MS = 60_000;

/** The alerts outbox: what the guard has to tell, recorded once; posting it is the alerts module's job. */
@Injectable()
export class FraudAlertsService {
  private readonly logger = new Logger(FraudAlertsService.name);

  constructor(
    private readonly repo: FraudAlertsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** One alert per opening of a scope (its since), however many instances or requests see it. */
  async refusalOpened(refusal: ActiveRefusal): Promise<void> {
    const subject: FraudAlertSubject = {
      kind: 'REFUSAL_OPENED',
      tokenId: refusal.tokenId,
      scopeKind: refusal.scopeKind,
      scopeLabel: refusal.scopeLabel,
      reasonCode: refusal.reasonCode,
      evidence: refusal.evidence,
      since: refusal.since.toISOString(),
      until: refusal.until.toISOString(),
    };
    await this.record(`refusal:${refusal.id}:${refusal.since.toISOString()}`, subject);
  }

  /** Records an alert unless one with this key exists; nothing when no webhook is configured. */
  async record(dedupeKey: string, subject: FraudAlertSubject): Promise<void> {
    if (!this.config.alertWebhookUrl) return;
    try {
      await this.repo.enqueue(dedupeKey, subject, this.clock.now());
    } catch (error) {
      this.logger.error(`Could not record a fraud alert (${dedupeKey}): ${(error as Error).message}`);
    }
  }

  lease(limit: number): Promise<LeasedAlert[]> {
    return this.repo.lease(this.clock.now(), LEASE_MS, limit);
  }

  delivered(alert: LeasedAlert): Promise<void> {
    return this.repo.markSent(alert.id, this.clock.now());
  }

  /** Schedules the next attempt with backoff; true when the alert was given up for good. */
  async attemptFailed(alert: LeasedAlert, error: string): Promise<boolean> {
    if (alert.attempts >= MAX_ATTEMPTS) {
      await this.repo.markFailed(alert.id, error);
      return true;
    }
    const delay = RETRY_DELAYS_MS[Math.min(alert.attempts - 1, RETRY_DELAYS_MS.length - 1)];
    await this.repo.markRetry(alert.id, error, new Date(this.clock.now().getTime() + delay));
    return false;
  }
}
