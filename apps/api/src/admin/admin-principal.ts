import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AuditActor } from './audit.service';
import { clientAddressOf } from '../common/client-address';

/** What the JWT strategy puts on the request for a live admin session. */
export interface AdminPrincipal {
  actor: string;
  jti: string;
}

type AdminRequest = FastifyRequest & { user?: AdminPrincipal };

/** The signed-in admin plus the client address (Fastify's `ip` under TRUST_PROXY, null unless an IP address). */
export const CurrentAdmin = createParamDecorator((_: unknown, context: ExecutionContext): AdminPrincipal & AuditActor => {
  const request = context.switchToHttp().getRequest<AdminRequest>();
  return { ...request.user!, clientAddress: clientAddressOf(request) };
});

export const ClientAddress = createParamDecorator((_: unknown, context: ExecutionContext): string | null => {
  return clientAddressOf(context.switchToHttp().getRequest<FastifyRequest>());
});
