import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PreparedStatement } from '../database/prepared-statement';

const PRUNE_EVERY_MS = 60_000;

// A prepared statement, parsed and planned once per connection.
const FIRST_USE = new PreparedStatement<{ jti: string }>(
  'otc_callback_first_use',
  'INSERT INTO vonage_callback_seen (jti, expires_at) VALUES ($1, $2) ON CONFLICT (jti) DO NOTHING RETURNING jti',
);

/** Remembers the jti of every accepted Vonage callback, in the database all instances share. */
@Injectable()
export class CallbackReplayRepository {
  private lastPrunedAt = 0;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * True the first time this jti is presented (on any instance), false for a replay. Callbacks that
   * change an attempt record their jti in the statement that changes it (ActivityRepository).
   */
  async firstUse(jti: string, rememberUntil: Date): Promise<boolean> {
    await this.forgetExpiredNowAndThen();
    const rows = await FIRST_USE.run(this.dataSource, [jti, rememberUntil]);
    return rows.length === 1;
  }

  /** Drops tokens that could no longer be accepted anyway, at most once a minute per instance. */
  async forgetExpiredNowAndThen(): Promise<void> {
    if (Date.now() - this.lastPrunedAt < PRUNE_EVERY_MS) return;
    this.lastPrunedAt = Date.now();
    await this.dataSource.query('DELETE FROM vonage_callback_seen WHERE expires_at < now()');
  }
}
