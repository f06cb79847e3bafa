import { createSecretKey } from 'crypto';
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
      // A key made once: handed the secret as text, jsonwebtoken tries to parse it as a public key on every
      // request (about 0.5 ms of CPU per admin call) before taking it as an HMAC secret. It accepts a
      // KeyObject; passport-jwt passes it through, though its types name only strings and buffers.
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')) as unknown as string,
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
