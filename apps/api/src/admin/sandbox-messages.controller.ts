import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page, SandboxMessageDto } from '@otc/contracts';
import { SandboxMessagesService } from './sandbox-messages.service';

@ApiTags('sandbox')
@ApiBearerAuth()
@Controller('v1/sandbox/messages')
export class SandboxMessagesController {
  constructor(private readonly messages: SandboxMessagesService) {}

  @Get()
  @ApiOperation({ summary: 'Sandbox only: the messages the simulator "sent", destinations masked, no codes' })
  list(): Page<SandboxMessageDto> {
    return this.messages.list();
  }
}
