import { ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { requiresAdminSession } from './admin-routes';

/**
 * Registered once as APP_GUARD: every /v1/admin/ and /v1/sandbox/ route, whichever module declares
 * it, needs a live admin session, except signing in. Other routes pass untouched.
 */
@Injectable()
export class AdminAuthGuard extends AuthGuard('jwt') {
  override canActivate(context: ExecutionContext) {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!requiresAdminSession(request.method, request.routeOptions?.url, request.url)) return true;
    return super.canActivate(context);
  }

  // One answer for every failure: missing, malformed, tampered, expired or logged-out.
  override handleRequest<T>(error: unknown, user: T): T {
    if (error || !user) throw new UnauthorizedException('A valid admin session is required');
    return user;
  }
}
