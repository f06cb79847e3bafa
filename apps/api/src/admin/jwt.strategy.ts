import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AdminAuthService } from './admin-auth.service';
import type { AdminPrincipal } from './admin-principal';

/** Admin JWTs: HS256 only, from the Authorization header only (never a query string). */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly auth: AdminAuthService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.jwtSecret,
      algorithms: ['HS256'],
      // jsonwebtoken would judge `exp` by the wall clock; principalFor judges it by the injected clock.
      ignoreExpiration: true,
    });
  }

  async validate(payload: unknown): Promise<AdminPrincipal> {
    const principal = await this.auth.principalFor(payload);
    if (!principal) throw new UnauthorizedException('The admin session has expired or ended; sign in again');
    return principal;
  }
}
