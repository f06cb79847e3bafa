import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '../common/clock';
import type { SignInProbe } from '../delivery/fallback.service';
import type { OktaEventDelivery } from './event-hook-request';
import type { Cursor } from '../common/page';
import type { AuthEventEntity } from './auth-event.entity';
import type { AuthEventFilters } from './auth-event-filters';
import { AuthEventRepository, IngestResult } from './auth-event.repository';
import { ConnectorMetrics } from '../metrics/metrics';

/** Okta event hook intake: durable, deduplicated storage; conversion work is queued, never done here. */
@Injectable()
export class EventsService implements SignInProbe {
  constructor(
    private readonly events: AuthEventRepository,
    private readonly metrics: ConnectorMetrics,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async ingest(tokenId: string, delivery: OktaEventDelivery, rawBody: unknown): Promise<IngestResult> {
    const result = await this.events.ingest(tokenId, delivery, rawBody, this.clock.now());
    this.metrics.eventsIngested.inc({ result: 'new' }, result.stored);
    this.metrics.eventsIngested.inc({ result: 'duplicate' }, delivery.events.length - result.stored);
    return result;
  }

  signedInSince(oktaUserId: string, since: Date): Promise<boolean> {
    return this.events.signedInSince(oktaUserId, since);
  }

  /** Newest first, keyset on (published, id). */
  page(filters: AuthEventFilters, after: Cursor | null, limit: number): Promise<AuthEventEntity[]> {
    return this.events.page(filters, after, limit);
  }
}
