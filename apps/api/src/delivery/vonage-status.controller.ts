import { BadRequestException, Body, Controller, HttpCode, Post, Req, UnauthorizedException, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { StatusCallbackService } from './status-callback.service';
import { SignedCallbackRequest, VonageCallbackGuard } from './vonage-callback.guard';
import { MalformedBody } from '../common/malformed-body';
import { parseVerifyCallback } from './vonage-callback';
import { Public } from '../common/public-route';

@ApiTags('hooks')
@Public()
@Controller('v1/hooks/vonage/status')
@UseGuards(VonageCallbackGuard)
export class VonageStatusController {
  constructor(private readonly callbacks: StatusCallbackService) {}

  @Post()
  @HttpCode(204)
  @ApiOperation({ summary: 'Vonage Verify v2 status callbacks (HS256-signed JWT)' })
  @ApiHeader({ name: 'Authorization', description: 'Bearer JWT signed with the Vonage signature secret' })
  async status(@Body() body: unknown, @Req() request: SignedCallbackRequest): Promise<void> {
    if (body instanceof MalformedBody) throw new BadRequestException({ message: body.reason, fields: [{ field: 'body', message: body.reason }] });
    const callback = parseVerifyCallback(body);
    if (!callback) throw new BadRequestException({ message: 'body must be a Verify callback with request_id', fields: [{ field: 'request_id', message: 'required' }] });
    const token = request.vonageToken;
    if (!token) throw new UnauthorizedException('Vonage callback refused: not signed');
    const outcome = await this.callbacks.apply(callback, token);
    if (outcome.replayed) throw new UnauthorizedException('Vonage callback refused: token already used (jti seen before)');
  }
}
