import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { RedisPing } from './redis-ping';
import { withDeadline } from '../common/with-deadline';
import { Public } from '../common/public-route';

type Check = 'ok' | 'error' | 'not-configured';

@ApiTags('ops')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly redis: RedisPing,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('live')
  @HttpCode(200)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready when the database answers and takes a committed write (and Redis, when configured); 503 otherwise. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const [database, databaseWrite, redis] = await Promise.all([this.pingDatabase(), this.probeWrite(), this.redis.ping()]);
    const ok = database === 'ok' && databaseWrite === 'ok' && redis !== 'error';
    reply.status(ok ? 200 : 503);
    return {
      status: ok ? 'ok' : 'error',
      mode: this.config.sandbox ? 'sandbox' : 'live',
      checks: { database, databaseWrite, redis, embeddedDatabase: this.config.databaseUrl === null },
    };
  }

  private pingDatabase(): Promise<Check> {
    return this.probe('SELECT 1');
  }

  /** A full disk, a read-only server or a stuck lock fail writes while reads still work. */
  private probeWrite(): Promise<Check> {
    return this.probe(
      'INSERT INTO health_write_probe (id, written_at) VALUES (1, now()) ON CONFLICT (id) DO UPDATE SET written_at = excluded.written_at',
    );
  }

  private async probe(sql: string): Promise<Check> {
    try {
      await withDeadline(this.dataSource.query(sql), 1000);
      return 'ok';
    } catch {
      return 'error';
    }
  }
}
