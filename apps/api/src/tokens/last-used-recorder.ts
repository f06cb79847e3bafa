import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { CLOCK, Clock } from '../common/clock';
import { TokensRepository } from './tokens.repository';

const FLUSH_INTERVAL_MS = 15_000;

/**
 * Hook calls note which token they used and when; one batched UPDATE per interval writes `last_used_at`
 * with those times (not the flush time), so no hook call waits on a write for it.
 */
@Injectable()
export class LastUsedRecorder implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(LastUsedRecorder.name);
  private pending = new Map<string, Date>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly tokens: TokensRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }

  note(tokenId: string): void {
    this.pending.set(tokenId, this.clock.now());
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const uses = this.pending;
    this.pending = new Map();
    try {
      await this.tokens.touchLastUsed(uses);
    } catch (error) {
      // Put the uses back unless a newer one was noted meanwhile.
      for (const [id, at] of uses) if (!this.pending.has(id)) this.pending.set(id, at);
      this.logger.warn(`Could not record last use of ${uses.size} token(s): ${(error as Error).message}`);
    }
  }
}
