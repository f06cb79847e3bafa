import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Page, SandboxMessageDto } from '@otc/contracts';
import type { VonageSimulator } from '@otc/vonage-sim';
import { maskPhoneNumber } from '../common/phone-number';
import { SANDBOX_SIMULATOR } from '../sandbox/sandbox';
import { AdminError } from './admin-errors';

const MAX_MESSAGES = 100;

@Injectable()
export class SandboxMessagesService {
  constructor(@Optional() @Inject(SANDBOX_SIMULATOR) private readonly simulator?: VonageSimulator) {}

  list(): Page<SandboxMessageDto> {
    // Outside sandbox mode the route does not exist as far as callers can tell.
    if (!this.simulator) throw new AdminError('SANDBOX_DISABLED', 'Not found: this connector is not in sandbox mode');
    const items = this.simulator.messages
      .slice(-MAX_MESSAGES)
      .reverse()
      .map((m) => ({ requestId: m.requestId, channel: m.channel, destination: maskPhoneNumber(m.to), brand: m.brand, sentAt: m.sentAt.toISOString() }));
    return { items, nextCursor: null };
  }
}
