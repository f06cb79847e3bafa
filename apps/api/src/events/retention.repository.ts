import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { returningRows } from '../database/returning-rows';

const DAY_MS = 24 * 3_600_000;
/** Rows deleted per statement: short transactions, no long lock on a busy table. */
export const RETENTION_BATCH = 1000;
// At most this many batches per table per run; the rest waits for the next run (a minute later).
const MAX_BATCHES_PER_RUN = 20;

/**
 * Deletes what is kept only for a while: raw Okta event deliveries (up to 1 MB each; the events
 * parsed from them stay) after EVENT_DELIVERY_RETENTION_DAYS, and finished conversion jobs after
 * JOB_RETENTION_DAYS. Run by the job worker; each batch is its own statement, so instances running
 * it together only share the work.
 */
@Injectable()
export class RetentionRepository {
  private readonly logger = new Logger(RetentionRepository.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async prune(now: Date): Promise<{ deliveries: number; jobs: number }> {
    const deliveries = await this.inBatches(
      `DELETE FROM okta_event_delivery WHERE id IN (
         SELECT id FROM okta_event_delivery WHERE received_at < $1 ORDER BY received_at LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING id`,
      // Kept 0 days, a delivery is stored without its body; its record still recognises a redelivery for a day.
      new Date(now.getTime() - Math.max(this.config.eventDeliveryRetentionDays, 1) * DAY_MS),
    );
    const jobs = await this.inBatches(
      `DELETE FROM conversion_job WHERE id IN (
         SELECT id FROM conversion_job WHERE status <> 'PENDING' AND updated_at < $1 ORDER BY updated_at LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING id`,
      new Date(now.getTime() - this.config.jobRetentionDays * DAY_MS),
    );
    if (deliveries + jobs > 0) this.logger.log(`Retention: deleted ${deliveries} raw event deliveries and ${jobs} finished jobs`);
    return { deliveries, jobs };
  }

  private async inBatches(sql: string, before: Date): Promise<number> {
    let total = 0;
    for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
      const deleted = returningRows(await this.dataSource.query(sql, [before, RETENTION_BATCH])).length;
      total += deleted;
      if (deleted < RETENTION_BATCH) break;
    }
    return total;
  }
}
