import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AuditService } from '../admin/audit.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { FraudAlertsService, LeasedAlert } from '../fraud/fraud-alerts.service';
import { alertBody } from './alert-message';
import { AlertWebhookClient } from './alert-webhook.client';

const BATCH = 10;

/**
 * Posts the fraud alerts outbox to ALERT_WEBHOOK_URL. Every instance polls; a lease taken with
 * SKIP LOCKED gives each alert to one of them. Each outcome is in the audit log.
 */
@Injectable()
export class AlertWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AlertWorker.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = false;

  constructor(
    private readonly alerts: FraudAlertsService,
    private readonly webhook: AlertWebhookClient,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.alertWebhookUrl) this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One batch; returns how many alerts were attempted. */
  runOnce(): Promise<number> {
    this.running ??= this.tick().finally(() => (this.running = null));
    return this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.runOnce()
        .catch((error: Error) => this.logger.error(`Alert worker run failed: ${error.message}`))
        .finally(() => this.schedule());
    }, this.config.alertPollMs);
    this.timer.unref();
  }

  private async tick(): Promise<number> {
    const leased = await this.alerts.lease(BATCH);
    await Promise.all(leased.map((alert) => this.post(alert)));
    return leased.length;
  }

  private async post(alert: LeasedAlert): Promise<void> {
    try {
      await this.webhook.post(alertBody(this.config.alertWebhookFormat, alert, this.config.publicUrl));
    } catch (error) {
      const message = (error as Error).message;
      this.logger.warn(`Fraud alert ${alert.id} not posted (attempt ${alert.attempts}): ${message}`);
      if (await this.alerts.attemptFailed(alert, message)) await this.audit.alertAbandoned(alert, message);
      return;
    }
    await this.alerts.delivered(alert);
    await this.audit.alertPosted(alert);
  }
}
