import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { CLOCK, Clock } from '../common/clock';
import { TokensRepository } from './tokens.repository';

const FLUSH_INTERVAL_MS = 15_000;

/**
 * Hook calls note which token they used; one batched UPDATE per interval writes `last_used_at`,
 * so no hook call waits on a write for it.
 */
@Injectable()
export class LastUsedRecorder implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(LastUsedRecorder.name);
  private pending = new Set<string>();
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
    this.pending.add(tokenId);
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const ids = [...this.pending];
    this.pending = new Set();
    try {
      await this.tokens.touchLastUsed(ids, this.clock.now());
    } catch (error) {
      ids.forEach((id) => this.pending.add(id));
      this.logger.warn(`Could not record last use of ${ids.length} token(s): ${(error as Error).message}`);
    }
  }
}
