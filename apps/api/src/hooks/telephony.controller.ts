import { Body, Controller, HttpCode, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { HookAuthGuard } from '../tokens/hook-auth.guard';
import { HookThrottleGuard } from './hook-throttle.guard';
import { HookShedFilter } from './hook-shed.error';
import { HookThrottledFilter } from './hook-throttled.error';
import { MalformedBody } from '../common/malformed-body';
import { OktaTelephonyAnswer, invalidRequestAnswer } from './okta-answer';
import { OktaHookErrorFilter } from './okta-unavailable-answer';
import { TelephonyHookRequest, parseTelephonyRequest } from './telephony-request';
import { TelephonyHookService } from './telephony-hook.service';
import { Public } from '../common/public-route';

@ApiTags('hooks')
@Public()
@Controller('v1/hooks/okta/telephony')
// Authenticate first: the throttle is keyed by the token id the auth guard resolves.
@UseGuards(HookAuthGuard, HookThrottleGuard)
// Nest tries class filters last-listed first: a shed refusal answers 200, a throttle 429, any other failure Okta's 503.
@UseFilters(OktaHookErrorFilter, HookThrottledFilter, HookShedFilter)
export class TelephonyController {
  constructor(private readonly hook: TelephonyHookService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: "Okta Telephony Inline Hook: screen the number and deliver Okta's OTP through Vonage Verify" })
  @ApiHeader({ name: 'Authorization', description: 'The token secret, with or without a Bearer/Basic prefix' })
  async deliver(@Req() request: TelephonyHookRequest, @Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply): Promise<OktaTelephonyAnswer> {
    if (body instanceof MalformedBody || body === undefined) {
      reply.status(400);
      return invalidRequestAnswer([{ field: 'body', message: body instanceof MalformedBody ? body.reason : 'body must be JSON' }]);
    }
    const parsed = parseTelephonyRequest(body);
    if (!parsed.ok) {
      reply.status(400);
      return invalidRequestAnswer(parsed.errors);
    }
    return this.hook.handle(request.hookToken!, parsed.request, request.receivedAt ?? Date.now(), request.parsedPhone);
  }
}
