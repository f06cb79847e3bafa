import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CLOCK, Clock } from '../common/clock';
import type { SignInProbe } from '../delivery/fallback.service';
import type { OktaEventDelivery } from './event-hook-request';
import type { Cursor } from '../common/page';
import type { AuthEventEntity } from './auth-event.entity';
import type { AuthEventFilters } from './auth-event-filters';
import { AuthEventRepository, IngestResult } from './auth-event.repository';
import { ConversionJobRepository } from './conversion-job.repository';
import { isConvertible } from './convertible';
import { ConnectorMetrics } from '../metrics/metrics';

/** Okta event hook intake: durable, deduplicated storage; conversion work is queued, never done here. */
@Injectable()
export class EventsService implements SignInProbe {
  constructor(
    private readonly events: AuthEventRepository,
    private readonly jobs: ConversionJobRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly metrics: ConnectorMetrics,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async ingest(tokenId: string, delivery: OktaEventDelivery, rawBody: unknown): Promise<IngestResult> {
    const result = await this.store(tokenId, delivery, rawBody, this.clock.now());
    this.metrics.eventsIngested.inc({ result: 'new' }, result.stored);
    this.metrics.eventsIngested.inc({ result: 'duplicate' }, delivery.events.length - result.stored);
    return result;
  }

  /** The delivery, its new events and their conversion jobs in one transaction: a failure stores nothing. */
  private store(tokenId: string, delivery: OktaEventDelivery, rawBody: unknown, receivedAt: Date): Promise<IngestResult> {
    return this.dataSource.transaction(async (em) => {
      const stored = await this.events.store(em, tokenId, delivery, rawBody, receivedAt);
      if (stored === null) return { duplicateDelivery: true, stored: 0, conversionsQueued: 0 };
      const convertible = stored.filter(isConvertible).map((e) => e.id);
      await this.jobs.enqueueConversions(em, convertible, receivedAt);
      return { duplicateDelivery: false, stored: stored.length, conversionsQueued: convertible.length };
    });
  }

  signedInSince(oktaUserId: string, since: Date): Promise<boolean> {
    return this.events.signedInSince(oktaUserId, since);
  }

  /** Newest first, keyset on (published, id). */
  page(filters: AuthEventFilters, after: Cursor | null, limit: number): Promise<AuthEventEntity[]> {
    return this.events.page(filters, after, limit);
  }
}
