import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '../common/clock';
import type { SignInProbe } from '../delivery/fallback.service';
import type { OktaEventDelivery } from '../hooks/event-hook-request';
import { AuthEventRepository, IngestResult } from './auth-event.repository';

/** Okta event hook intake: durable, deduplicated storage; conversion work is queued, never done here. */
@Injectable()
export class EventsService implements SignInProbe {
  constructor(
    private readonly events: AuthEventRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  ingest(tokenId: string, delivery: OktaEventDelivery, rawBody: unknown): Promise<IngestResult> {
    return this.events.ingest(tokenId, delivery, rawBody, this.clock.now());
  }

  signedInSince(oktaUserId: string, since: Date): Promise<boolean> {
    return this.events.signedInSince(oktaUserId, since);
  }
}
