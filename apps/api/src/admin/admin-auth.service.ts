import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { LoginRequest, LoginResponse } from '@otc/contracts';
import { randomUUID } from 'crypto';
import { CLOCK, Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { credentialsMatch } from './admin-credentials';
import { AdminError } from './admin-errors';
import type { AdminPrincipal } from './admin-principal';
import { AdminSessionsRepository } from './admin-sessions.repository';
import { AuditActor, AuditService } from './audit.service';
import { UUID_PATTERN } from '@otc/contracts';

// Expired session rows are kept a day for inspection, then dropped on a later sign-in.
const SESSION_RETENTION_MS = 24 * 3600 * 1000;

interface AdminJwtPayload {
  sub: string;
  jti: string;
  iat: number;
  exp: number;
}

function isAdminPayload(payload: unknown): payload is AdminJwtPayload {
  const p = payload as Partial<AdminJwtPayload> | null;
  return typeof p?.sub === 'string' && typeof p.jti === 'string' && UUID_PATTERN.test(p.jti) && typeof p.exp === 'number';
}

/** Admin sign-in: the instance's Vonage API key and secret open a short admin session. */
@Injectable()
export class AdminAuthService {
  constructor(
    private readonly sessions: AdminSessionsRepository,
    private readonly audit: AuditService,
    private readonly jwt: JwtService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(credentials: LoginRequest, clientAddress: string | null): Promise<LoginResponse> {
    if (!credentialsMatch(credentials, this.config.vonage)) {
      await this.audit.signInFailed(clientAddress);
      throw new AdminError('INVALID_CREDENTIALS', 'Wrong API key or secret');
    }
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.adminSessionTtlSeconds * 1000);
    const session = { jti: randomUUID(), actor: `admin:${this.config.vonage.apiKey}`, createdAt: now, expiresAt, revokedAt: null };
    await this.sessions.deleteExpiredBefore(new Date(now.getTime() - SESSION_RETENTION_MS));
    await this.sessions.open(session);
    const payload: AdminJwtPayload = { sub: session.actor, jti: session.jti, iat: toSeconds(now), exp: toSeconds(expiresAt) };
    const accessToken = await this.jwt.signAsync(payload);
    await this.audit.signedIn({ actor: session.actor, clientAddress });
    return { accessToken, expiresAt: expiresAt.toISOString(), mode: this.config.sandbox ? 'sandbox' : 'live' };
  }

  async logout(session: AdminPrincipal & AuditActor): Promise<void> {
    await this.sessions.end(session.jti, this.clock.now());
    await this.audit.signedOut(session);
  }

  /**
   * Called for every admin request after the signature checked out. Expiry is judged by the injected
   * clock, and the session row must still be live, so a logout on any instance ends it everywhere.
   */
  async principalFor(payload: unknown): Promise<AdminPrincipal | null> {
    if (!isAdminPayload(payload)) return null;
    const now = this.clock.now();
    if (payload.exp * 1000 <= now.getTime()) return null;
    const session = await this.sessions.findLive(payload.jti, now);
    if (!session || session.actor !== payload.sub) return null;
    return { actor: session.actor, jti: session.jti };
  }
}

function toSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
