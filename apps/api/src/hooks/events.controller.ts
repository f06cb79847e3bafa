import { BadRequestException, Body, Controller, Get, Headers, HttpCode, Post, Req, UseFilters, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EventsService } from '../events/events.service';
import { HookAuthGuard, HookRequest } from '../tokens/hook-auth.guard';
import { parseEventDelivery } from '../events/event-hook-request';
import { MalformedBody } from '../common/malformed-body';
import { Public } from '../common/public-route';
import { OktaHookErrorFilter } from './okta-unavailable-answer';

const CHALLENGE_HEADER = 'x-okta-verification-challenge';

@ApiTags('hooks')
@Public()
@Controller('v1/hooks/okta/events')
@UseFilters(OktaHookErrorFilter)
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
  @UseGuards(HookAuthGuard)
  @ApiOperation({ summary: 'Okta Event Hook delivery (System Log events): stored, deduplicated, then processed off the request path' })
  @ApiHeader({ name: 'Authorization', description: 'The token secret, with or without a Bearer/Basic prefix' })
  async deliver(@Req() request: HookRequest, @Body() body: unknown): Promise<void> {
    if (body instanceof MalformedBody || body === undefined) {
      throw new BadRequestException({ message: body instanceof MalformedBody ? body.reason : 'body must be JSON', fields: [{ field: 'body', message: 'not JSON' }] });
    }
    const parsed = parseEventDelivery(body);
    if (!parsed.ok) throw new BadRequestException({ message: parsed.errors.map((e) => `${e.field}: ${e.message}`).join('; '), fields: parsed.errors });
    await this.events.ingest(request.hookToken!.id, parsed.delivery, body);
  }
}
