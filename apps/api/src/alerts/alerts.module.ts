import { Module } from '@nestjs/common';
import { AuditModule } from '../admin/audit.module';
import { FraudModule } from '../fraud/fraud.module';
import { AlertWebhookClient } from './alert-webhook.client';
import { AlertWorker } from './alert-worker.service';

/** Delivers the fraud guard's alerts to ALERT_WEBHOOK_URL, and records each outcome in the audit log. */
@Module({
  imports: [FraudModule, AuditModule],
  providers: [AlertWebhookClient, AlertWorker],
  exports: [AlertWorker],
})
export class AlertsModule {}
