import { ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { PUBLIC_ROUTE } from '../common/public-route';

/**
 * Registered once as APP_GUARD: every route, whichever module declares it, needs a live admin
 * session unless its controller or handler is marked @Public(). Forgetting the mark closes a route.
 */
@Injectable()
export class AdminAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()])) return true;
    return super.canActivate(context);
  }

  // One answer for every failure: missing, malformed, tampered, expired or logged-out.
  override handleRequest<T>(error: unknown, user: T): T {
    if (error || !user) throw new UnauthorizedException('A valid admin session is required');
    return user;
  }
}
