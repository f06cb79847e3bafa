import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** A dedicated, fail-fast Redis connection for readiness checks. */
@Injectable()
export class RedisPing implements OnApplicationShutdown {
  private readonly client: Redis | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.client = config.redisUrl
      ? new Redis(config.redisUrl, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 500, commandTimeout: 500 })
      : null;
    this.client?.on('error', () => undefined);
    this.client?.connect().catch(() => undefined);
  }

  async ping(): Promise<'ok' | 'error' | 'not-configured'> {
    if (!this.client) return 'not-configured';
    try {
      await this.client.ping();
      return 'ok';
    } catch {
      return 'error';
    }
  }

  onApplicationShutdown(): void {
    this.client?.disconnect();
  }
}
