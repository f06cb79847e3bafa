import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { DEFAULT_AUTH_HEADER_NAME } from '@otc/contracts';
import { FastifyRequest } from 'fastify';
import { AuthenticatedToken, TokensService } from './tokens.service';

/** `receivedAt` is stamped when the request arrives (create-app.ts), so the hook's budget includes authentication. */
export type HookRequest = FastifyRequest & { hookToken?: AuthenticatedToken; receivedAt?: number };

/** Authenticates Okta's hook calls by the token secret in the configured header, before the body is used. */
@Injectable()
export class HookAuthGuard implements CanActivate {
  constructor(private readonly tokens: TokensService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<HookRequest>();
    const raw = request.headers[DEFAULT_AUTH_HEADER_NAME.toLowerCase()];
    const token = await this.tokens.authenticate(Array.isArray(raw) ? raw[0] : raw);
    if (!token) throw new UnauthorizedException('Missing, unknown, expired or revoked token secret');
    request.hookToken = token;
    return true;
  }
}
