import { BadRequestException, Body, Controller, Get, Headers, HttpCode, Post, Req, UseFilters, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EventsService } from '../events/events.service';
import { HookAuthGuard, HookRequest } from '../tokens/hook-auth.guard';
import { parseEventDelivery } from '../events/event-hook-request';
import { MalformedBody } from '../common/malformed-body';
import type { CheckedJsonRequest } from '../common/json-body-parser';
import { Public } from '../common/public-route';
import { OktaHookErrorFilter } from './okta-unavailable-answer';
import { HookThrottleGuard } from './hook-throttle.guard';
import { HookThrottledFilter } from './hook-throttled.error';

const CHALLENGE_HEADER = 'x-okta-verification-challenge';

@ApiTags('hooks')
@Public()
@Controller('v1/hooks/okta/events')
@UseFilters(OktaHookErrorFilter, HookThrottledFilter)
export class EventsController {
  constructor(private readonly events: EventsService) {}

  /** Okta's one-time verification; whether it carries the auth header is undocumented, so none is required. */
  @Get()
  @ApiOperation({ summary: 'Okta Event Hook verification challenge' })
  @ApiHeader({ name: CHALLENGE_HEADER, required: true })
  verify(@Headers(CHALLENGE_HEADER) challenge: string | undefined): { verification: string } {
    if (!challenge || challenge.length > 1024) {
      throw new BadRequestException({ message: `${CHALLENGE_HEADER} header is required`, fields: [{ field: CHALLENGE_HEADER, message: 'required' }] });
    }
    return { verification: challenge };
  }

  /** Stored before the answer; conversion runs later in the job worker. 204 with no body, as Okta expects. */
  @Post()
  @HttpCode(204)
  @UseGuards(HookAuthGuard, HookThrottleGuard)
  @ApiOperation({ summary: 'Okta Event Hook delivery (System Log events): stored, deduplicated, then processed off the request path' })
  @ApiHeader({ name: 'Authorization', description: 'The token secret, with or without a Bearer/Basic prefix' })
  async deliver(@Req() request: HookRequest & CheckedJsonRequest, @Body() received: unknown): Promise<void> {
    // Text that cannot be stored is judged per event (parseEventDelivery), not for the whole delivery.
    const body = received instanceof MalformedBody && received.parsed !== undefined ? received.parsed : received;
    if (body instanceof MalformedBody || body === undefined) {
      throw new BadRequestException({ message: body instanceof MalformedBody ? body.reason : 'body must be JSON', fields: [{ field: 'body', message: 'not JSON' }] });
    }
    // A body the parser passed whole is stored as sent, without another look at its text.
    const checkedText = received instanceof MalformedBody ? undefined : request.checkedJsonText;
    const parsed = parseEventDelivery(body, { textChecked: checkedText !== undefined });
    if (!parsed.ok) throw new BadRequestException({ message: parsed.errors.map((e) => `${e.field}: ${e.message}`).join('; '), fields: parsed.errors });
    await this.events.ingest(request.hookToken!.id, parsed.delivery, body, checkedText);
  }
}
