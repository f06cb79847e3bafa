import { CanActivate, ExecutionContext, HttpException, HttpStatus, Injectable, UnauthorizedException } from '@nestjs/common';
import { DEFAULT_AUTH_HEADER_NAME } from '@otc/contracts';
import { FastifyReply, FastifyRequest } from 'fastify';
import { clientAddressOf } from '../common/client-address';
import { WrongSecretThrottle } from './wrong-secret-throttle';
import { AuthenticatedToken, TokensService } from './tokens.service';

/** `receivedAt` is stamped when the request arrives (create-app.ts), so the hook's budget includes authentication. */
export type HookRequest = FastifyRequest & { hookToken?: AuthenticatedToken; receivedAt?: number };

/** Authenticates Okta's hook calls by the token secret in the configured header, or an OAuth 2.0 access token its policy accepts, before the body is used. */
@Injectable()
export class HookAuthGuard implements CanActivate {
  constructor(
    private readonly tokens: TokensService,
    private readonly wrongSecrets: WrongSecretThrottle,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<HookRequest>();
    const raw = request.headers[DEFAULT_AUTH_HEADER_NAME.toLowerCase()];
    const header = Array.isArray(raw) ? raw[0] : raw;
    const address = clientAddressOf(request) ?? 'unknown';
    const retryAfter = this.wrongSecrets.retryAfterSeconds(address, header);
    if (retryAfter > 0) {
      context.switchToHttp().getResponse<FastifyReply>().header('retry-after', String(retryAfter));
      throw new HttpException('Too many wrong token secrets from this address; try again later', HttpStatus.TOO_MANY_REQUESTS);
    }
    const token = (await this.tokens.authenticate(header)) ?? (await this.tokens.authenticateAccessToken(header));
    if (!token) {
      this.wrongSecrets.failed(address);
      throw new UnauthorizedException('Missing, unknown, expired or revoked token secret');
    }
    this.wrongSecrets.succeeded(header!);
    request.hookToken = token;
    return true;
  }
}
