import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'crypto';
import { CLOCK, Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { SignInProbe } from '../delivery/fallback.service';
import type { OktaAuthEvent, OktaEventDelivery } from './event-hook-request';
import type { Cursor } from '../common/page';
import type { AuthEventEntity } from './auth-event.entity';
import type { AuthEventFilters } from './auth-event-filters';
import { AuthEventRepository } from './auth-event.repository';
import { EventIntakeRepository, IntakeCounts } from './event-intake.repository';
import { isConvertible } from './convertible';
import { ConnectorMetrics } from '../metrics/metrics';
import { findUnstorableText, storableCopy } from '../common/storable';

/** Okta event hook intake: durable, deduplicated storage; conversion work is queued, never done here. */
@Injectable()
export class EventsService implements SignInProbe {
  private readonly logger = new Logger(EventsService.name);

  constructor(
    private readonly events: AuthEventRepository,
    private readonly intake: EventIntakeRepository,
    private readonly metrics: ConnectorMetrics,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'eventDeliveryRetentionDays'>,
  ) {}

  /**
   * Stores the delivery, its new events and their conversion jobs in one statement: a failure stores
   * nothing, a redelivery (same eventId) or a repeated event (same uuid) adds nothing. `checkedText`:
   * the body's exact text, when the JSON parser found all of it storable.
   */
  async ingest(tokenId: string, delivery: OktaEventDelivery, rawBody: unknown, checkedText?: string): Promise<IntakeCounts> {
    for (const { index, reason } of delivery.skipped) this.logger.warn(`Event hook delivery ${delivery.eventId ?? '(no eventId)'}: event ${index} skipped, ${reason}`);
    this.metrics.eventsIngested.inc({ result: 'skipped' }, delivery.skipped.length);
    // The raw delivery is kept for a while (unless kept 0 days), as sent when its text was checked already;
    // text PostgreSQL cannot store is kept as U+FFFD.
    const serialised = () => JSON.stringify(findUnstorableText(rawBody) ? storableCopy(rawBody) : rawBody);
    const bodyText = this.config.eventDeliveryRetentionDays === 0 ? null : (checkedText ?? serialised());
    const events = [...new Map(delivery.events.map((e): [string, OktaAuthEvent] => [e.uuid, e])).values()];
    const result = await this.intake.store({
      tokenId,
      // Without Okta's eventId the content is the delivery's identity (serialised the same way whatever the spacing sent).
      eventId: delivery.eventId ?? `sha256:${createHash('sha256').update(serialised()).digest('hex')}`,
      bodyText,
      receivedAt: this.clock.now(),
      eventCount: delivery.events.length,
      events,
      convertible: events.map(isConvertible),
    });
    this.metrics.eventsIngested.inc({ result: 'new' }, result.stored);
    this.metrics.eventsIngested.inc({ result: 'duplicate' }, delivery.events.length - result.stored);
    return result;
  }

  signedInSince(tokenId: string, oktaUserId: string, since: Date): Promise<boolean> {
    return this.events.signedInSince(tokenId, oktaUserId, since);
  }

  /** Newest first, keyset on (published, id). */
  page(filters: AuthEventFilters, after: Cursor | null, limit: number): Promise<AuthEventEntity[]> {
    return this.events.page(filters, after, limit);
  }
}
