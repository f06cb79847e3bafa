import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '../config/app-config';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/**
 * Who may scrape /metrics. With METRICS_TOKEN: whoever sends `Authorization: Bearer <METRICS_TOKEN>`
 * (compared in constant time). Without it: only a scraper on the same host, i.e. a loopback peer
 * whose request no proxy forwarded; anything a proxy passes on carries X-Forwarded-For or Forwarded.
 */
@Injectable()
export class MetricsAccessGuard implements CanActivate {
  private readonly expected: Buffer | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.expected = config.metricsToken ? digest(config.metricsToken) : null;
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (this.expected) {
      const presented = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
      if (presented && timingSafeEqual(digest(presented), this.expected)) return true;
      context.switchToHttp().getResponse<FastifyReply>().header('www-authenticate', 'Bearer realm="metrics"');
      throw new UnauthorizedException('metrics need Authorization: Bearer <METRICS_TOKEN>');
    }
    const forwarded = request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined;
    if (!forwarded && LOOPBACK.has(request.socket.remoteAddress ?? '')) return true;
    throw new ForbiddenException('metrics are served to this host only; set METRICS_TOKEN to scrape them from elsewhere');
  }
}
