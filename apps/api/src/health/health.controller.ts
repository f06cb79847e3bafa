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

  /** Ready when the database answers (and Redis, when configured); 503 otherwise. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const [database, redis] = await Promise.all([this.pingDatabase(), this.redis.ping()]);
    const ok = database === 'ok' && redis !== 'error';
    reply.status(ok ? 200 : 503);
    return {
      status: ok ? 'ok' : 'error',
      mode: this.config.sandbox ? 'sandbox' : 'live',
      checks: { database, redis, embeddedDatabase: this.config.databaseUrl === null },
    };
  }

  private async pingDatabase(): Promise<Check> {
    try {
      await withDeadline(this.dataSource.query('SELECT 1'), 1000);
      return 'ok';
    } catch {
      return 'error';
    }
  }
}
