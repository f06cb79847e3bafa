import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { TokenCredentials } from './tokens.repository';

/** The channel a trigger on `token` notifies on every change a hook call depends on (migration 1764193000000). */
export const TOKEN_CHANGED_CHANNEL = 'otc_token_changed';
/** Longest an entry is used without reading the database again, whatever the notifications do. */
export const TOKEN_CACHE_MAX_AGE_MS = 5_000;
const RECONNECT_MS = 1_000;
/** Keys of OAuth issuers' token lists: the only entries a new token can change. */
const ISSUER_KEY_PREFIX = 'oauth-issuer ';
// What the trigger sends for a new token (migration 1764198000000); any other payload is a change.
const NEW_TOKEN_PAYLOAD_PREFIX = 'new ';

export const issuerCacheKey = (issuer: string): string => `${ISSUER_KEY_PREFIX}${issuer}`;

interface Entry {
  credentials: TokenCredentials[];
  storedAt: number;
}

/**
 * The hook's token lookups, by secret digest, kept in memory while a PostgreSQL LISTEN connection
 * tells this instance of every change to a token (revocation, rotation, policy, expiry: whichever
 * instance, admin API or CLI made it, since a trigger sends it on commit). A change drops every
 * entry; a new token drops the OAuth issuers' lists only. Without a working LISTEN connection nothing is served from memory, so a revocation
 * applies to the very next call on every instance; with one, an entry is at most
 * TOKEN_CACHE_MAX_AGE_MS old (a bound should a connection die silently).
 */
@Injectable()
export class TokenCache implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TokenCache.name);
  private readonly entries = new Map<string, Entry>();
  // Bumped by every invalidation: a lookup that started before one does not store its (maybe stale) answer.
  private generation = 0;
  private issuerGeneration = 0;
  private listener: Client | null = null;
  private listeningNow = false;
  private stopped = false;
  private reconnectTimer: NodeJS.Timeout | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.invalidate();
    await this.listener?.end().catch(() => undefined);
  }

  /** What `load` answers for these digests, from memory when that is safe. */
  async lookup(key: string, load: () => Promise<TokenCredentials[]>): Promise<TokenCredentials[]> {
    const now = Date.now();
    const hit = this.listeningNow ? this.entries.get(key) : undefined;
    if (hit && now - hit.storedAt < TOKEN_CACHE_MAX_AGE_MS) return hit.credentials;
    const generation = this.generationOf(key);
    const credentials = await load();
    // Only known tokens are kept: the cache is as large as the token table, whatever secrets callers try.
    if (this.listeningNow && generation === this.generationOf(key) && credentials.length > 0) this.entries.set(key, { credentials, storedAt: now });
    else this.entries.delete(key);
    return credentials;
  }

  /** True while change notifications arrive (entries are served from memory only then). */
  get listening(): boolean {
    return this.listeningNow;
  }

  /** Forgets every entry: called on every change notification, and by this instance right after it changes a token. */
  invalidate(): void {
    this.generation++;
    this.entries.clear();
  }

  /** Forgets the OAuth issuers' token lists: a new token may belong to one of them. */
  invalidateIssuers(): void {
    this.issuerGeneration++;
    for (const key of this.entries.keys()) if (key.startsWith(ISSUER_KEY_PREFIX)) this.entries.delete(key);
  }

  private generationOf(key: string): string {
    return key.startsWith(ISSUER_KEY_PREFIX) ? `${this.generation}.${this.issuerGeneration}` : `${this.generation}`;
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    const client = new Client({ ...pool.options, application_name: 'otc-token-listener' });
    const lost = (reason: string) => {
      if (this.listener !== client) return;
      this.listener = null;
      this.listeningNow = false;
      this.invalidate();
      client.end().catch(() => undefined);
      if (this.stopped) return;
      this.logger.warn(`Token change notifications lost (${reason}); tokens are read from the database until they are back`);
      this.scheduleReconnect();
    };
    client.on('notification', (message) => (message.payload?.startsWith(NEW_TOKEN_PAYLOAD_PREFIX) ? this.invalidateIssuers() : this.invalidate()));
    client.on('error', (error) => lost(error.message));
    client.on('end', () => lost('connection closed'));
    this.listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${TOKEN_CHANGED_CHANNEL}`);
      if (this.listener !== client) return;
      // Anything that changed while nobody listened is read again.
      this.invalidate();
      this.listeningNow = true;
    } catch (error) {
      lost((error as Error).message);
    }
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer || this.stopped) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.listen();
    }, RECONNECT_MS);
    this.reconnectTimer.unref();
  }
}
