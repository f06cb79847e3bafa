import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Channel, DeliveryState } from '@otc/contracts';
import { Repository } from 'typeorm';
import { ActivityEntity } from './activity.entity';
import { PreparedStatement } from '../database/prepared-statement';
import { codeEraseAt } from './code-erase-time';

export type NewActivity = Omit<ActivityEntity, 'id' | 'convertedAt' | 'deliveryState' | 'destinationCiphertext' | 'codeEraseAt'> &
  Partial<Pick<ActivityEntity, 'deliveryState' | 'destinationCiphertext'>>;

export interface CandidateQuery {
  /** Only the token whose event hook reported the sign-in: another token's Okta org never converts this one's sends. */
  tokenId: string;
  oktaUserId: string;
  channel: Channel;
  /** When the user signed in (the event's `published`). */
  at: Date;
  /** Tolerated clock difference between Okta and us. */
  skewMs: number;
  /** How far back a send may lie when Okta gave no otpExpires. */
  maxAgeMs: number;
}

export type AttemptSettlement = Pick<ActivityEntity, 'id' | 'status' | 'reasonCode' | 'verifyRequestId'>;

/** A conversion found for a sign-in: the send it used and the attempt whose Verify request to check. */
export interface ConversionMatchRow {
  originalId: string;
  tokenId: string;
  targetId: string;
  verifyRequestId: string | null;
  codeCiphertext: string | null;
}

export interface ConversionMark {
  id: string;
  at: Date;
  /** Vonage confirmed the check: the attempt's delivery state becomes CONVERTED. */
  confirmedByVonage: boolean;
}

export interface StateChange {
  state: DeliveryState;
  /** Only rows currently in one of these states (or none) move: late callbacks never undo a later state. */
  from: Array<DeliveryState | null>;
  reasonCode?: ActivityEntity['reasonCode'];
  description?: string;
  flag?: ActivityEntity['flags'][number];
}

/** What settling an attempt writes; a destination ciphertext, when given, replaces the stored one. */
export type Completion = Pick<
  ActivityEntity,
  'status' | 'reasonCode' | 'description' | 'flags' | 'facts' | 'latencyMs' | 'verifyRequestId' | 'deliveryState' | 'codeCiphertext'
> & { destinationCiphertext?: string | null };


// Inserts the first attempt of an Okta call unless the call (token, eventId) or the fallback was claimed already.
const CLAIM = new PreparedStatement<{ id: string }>(
  'otc_activity_claim',
  `INSERT INTO otp_activity (created_at, token_id, okta_event_id, okta_user_id, request_type, channel, destination_masked, destination_hash,
                             country, status, reason_code, description, flags, facts, latency_ms, verify_request_id, delivery_state,
                             code_ciphertext, destination_ciphertext, otp_expires_at, fallback_of, okta_login, code_erase_at)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)
   ON CONFLICT DO NOTHING
   RETURNING id`,
);

const COMPLETION_SET = `SET status = $2, reason_code = $3, description = $4, flags = $5, facts = $6, latency_ms = $7, verify_request_id = $8,
          delivery_state = $9, code_ciphertext = $10, destination_ciphertext = COALESCE($11, destination_ciphertext)`;

// Status callbacks find an attempt by its Verify request id in verify_request_attempt, written with
// the change that names the request: otp_activity has no index on the id, so settling it is a HOT update.
const REMEMBER_REQUEST = `INSERT INTO verify_request_attempt (verify_request_id, activity_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`;
const rememberingRequest = (settle: string) => `WITH settled AS (${settle} RETURNING otp_activity.id, otp_activity.verify_request_id)
  INSERT INTO verify_request_attempt (verify_request_id, activity_id)
  SELECT verify_request_id, id FROM settled WHERE verify_request_id IS NOT NULL
  ON CONFLICT DO NOTHING`;

const COMPLETE = new PreparedStatement('otc_activity_complete', rememberingRequest(`UPDATE otp_activity ${COMPLETION_SET} WHERE id = $1`));

// The same, committed without waiting for the WAL flush (this transaction only: set_config's `true`):
// for a record the send journal can restore, so a database crash in the flush delay loses nothing.
// Waiting for the flush was one of the two fsyncs of each OTP on the database server.
const COMPLETE_JOURNALLED = new PreparedStatement(
  'otc_activity_complete_journalled',
  rememberingRequest(`UPDATE otp_activity ${COMPLETION_SET} FROM (SELECT set_config('synchronous_commit', 'off', true)) AS commit_mode WHERE id = $1`),
);

/** What a status callback needs of the attempt it moved. */
export type MovedAttempt = Pick<ActivityEntity, 'id' | 'channel' | 'fallbackOf'>;

/** A signed callback's token, remembered until it could no longer be accepted anyway. */
export interface CallbackTokenUse {
  jti: string;
  rememberUntil: Date;
}

// A Verify status callback: the attempt moves only from the states the change allows (late callbacks
// never undo a later state); reason, description and flag only when the change carries them.
const DELIVERY_STATE_SET = `delivery_state = $2, reason_code = COALESCE($3, reason_code), description = COALESCE($4, description),
          flags = CASE WHEN $5::jsonb IS NULL THEN flags ELSE flags || $5::jsonb END`;
const DELIVERY_STATE_WHERE = `a.id = (SELECT activity_id FROM verify_request_attempt WHERE verify_request_id = $1)
          AND (a.delivery_state = ANY($6::varchar[]) OR ($7::boolean AND a.delivery_state IS NULL))`;

const RECORD_DELIVERY_STATE = new PreparedStatement<MovedAttempt>(
  'otc_activity_delivery_state',
  `UPDATE otp_activity a SET ${DELIVERY_STATE_SET} WHERE ${DELIVERY_STATE_WHERE}
    RETURNING a.id, a.channel, a.fallback_of AS "fallbackOf"`,
);

// The same, only if the callback's token is used for the first time (on any instance), which it
// records: one round trip per callback, and a change that fails leaves the token unused.
const RECORD_DELIVERY_STATE_ONCE = new PreparedStatement<{ firstUse: boolean } & Partial<MovedAttempt>>(
  'otc_activity_delivery_state_once',
  `WITH first_use AS (
     INSERT INTO vonage_callback_seen (jti, expires_at) VALUES ($8, $9) ON CONFLICT (jti) DO NOTHING RETURNING jti
   ), moved AS (
     UPDATE otp_activity a SET ${DELIVERY_STATE_SET} WHERE ${DELIVERY_STATE_WHERE} AND EXISTS (SELECT 1 FROM first_use)
     RETURNING a.id, a.channel, a.fallback_of
   )
   SELECT EXISTS (SELECT 1 FROM first_use) AS "firstUse", moved.id, moved.channel, moved.fallback_of AS "fallbackOf"
     FROM (VALUES (1)) AS one LEFT JOIN moved ON true`,
);

const deliveryStateValues = (verifyRequestId: string, change: StateChange): unknown[] => [
  verifyRequestId,
  change.state,
  change.reasonCode ?? null,
  change.description ?? null,
  change.flag ? JSON.stringify([change.flag]) : null,
  change.from.filter((s): s is DeliveryState => s !== null),
  change.from.includes(null),
];

@Injectable()
export class ActivityRepository {
  constructor(@InjectRepository(ActivityEntity) private readonly repo: Repository<ActivityEntity>) {}

  /**
   * Claims an Okta call: inserts its first attempt unless one exists for the same token and eventId.
   * Returns null when the call was already claimed (Okta or a proxy repeated it).
   */
  async claim(activity: NewActivity): Promise<ActivityEntity | null> {
    const eraseAt = codeEraseAt(activity.createdAt, activity.otpExpiresAt);
    const rows = await CLAIM.run(this.repo.manager.connection, [
      activity.createdAt,
      activity.tokenId,
      activity.oktaEventId,
      activity.oktaUserId,
      activity.requestType,
      activity.channel,
      activity.destinationMasked,
      activity.destinationHash,
      activity.country,
      activity.status,
      activity.reasonCode,
      activity.description,
      JSON.stringify(activity.flags),
      JSON.stringify(activity.facts),
      activity.latencyMs,
      activity.verifyRequestId,
      activity.deliveryState ?? null,
      activity.codeCiphertext,
      activity.destinationCiphertext ?? null,
      activity.otpExpiresAt,
      activity.fallbackOf,
      activity.oktaLogin,
      eraseAt,
    ]);
    // Built from what was inserted: one round trip on the hook's critical path instead of two.
    return rows[0] ? this.repo.create({ deliveryState: null, destinationCiphertext: null, ...activity, id: rows[0].id, convertedAt: null, codeEraseAt: eraseAt }) : null;
  }

  /**
   * Settles an attempt the hook answered (one prepared statement on the hot path). `journalled`: the
   * send journal holds this attempt's send, so the commit need not wait for the WAL flush.
   */
  async complete(id: string, c: Completion, journalled = false): Promise<void> {
    await (journalled ? COMPLETE_JOURNALLED : COMPLETE).run(this.repo.manager.connection, [
      id,
      c.status,
      c.reasonCode,
      c.description,
      JSON.stringify(c.flags),
      JSON.stringify(c.facts),
      c.latencyMs,
      c.verifyRequestId,
      c.deliveryState,
      c.codeCiphertext,
      c.destinationCiphertext ?? null,
    ]);
  }

  findFirstAttempt(tokenId: string, oktaEventId: string): Promise<ActivityEntity | null> {
    return this.repo
      .createQueryBuilder('a')
      .where('a.token_id = :tokenId AND a.okta_event_id = :oktaEventId AND a.fallback_of IS NULL', { tokenId, oktaEventId })
      .getOne();
  }

  findById(id: string): Promise<ActivityEntity | null> {
    return this.repo.findOneBy({ id });
  }

  /** Where each of these attempts stands, for the recovery sweep: three columns, no entity built. */
  findSettlements(ids: string[]): Promise<AttemptSettlement[]> {
    return this.repo.query(
      'SELECT id, status, reason_code AS "reasonCode", verify_request_id AS "verifyRequestId" FROM otp_activity WHERE id = ANY($1::uuid[])',
      [ids],
    );
  }

  async update(id: string, changes: Partial<ActivityEntity>): Promise<void> {
    await this.repo.update({ id }, changes);
  }

  /**
   * Completes an attempt whose record was written late (from the send journal): only while it is
   * still unsettled, i.e. PENDING, or marked INTERRUPTED by a sweep that did not know its request.
   */
  completeUnsettled(id: string, changes: Partial<ActivityEntity>): Promise<boolean> {
    return this.updateRememberingRequest(id, changes, `status = 'PENDING' OR (reason_code = 'INTERRUPTED' AND verify_request_id IS NULL)`);
  }

  /** Records the Verify request of an interrupted attempt, once; false when it already has one or is not interrupted. */
  attachInterruptedRequest(id: string, verifyRequestId: string, description: string): Promise<boolean> {
    return this.updateRememberingRequest(id, { verifyRequestId, description }, `reason_code = 'INTERRUPTED' AND verify_request_id IS NULL`);
  }

  // A conditional update that may name the attempt's Verify request, and the request's entry in
  // verify_request_attempt, in one transaction (off the hot path; the hook's completion does both in one statement).
  private updateRememberingRequest(id: string, changes: Partial<ActivityEntity>, condition: string): Promise<boolean> {
    return this.repo.manager.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(ActivityEntity)
        .set(changes)
        .where(`id = :id AND (${condition})`, { id })
        .execute();
      if ((result.affected ?? 0) === 0) return false;
      if (changes.verifyRequestId) await manager.query(REMEMBER_REQUEST, [changes.verifyRequestId, id]);
      return true;
    });
  }

  /**
   * For each query (same order): the latest unconverted original attempt (not a fallback) of that
   * token for that user and channel whose OTP was alive at `at`, and the attempt whose Verify request
   * carried the code (its voice fallback when one followed, else itself). One statement for a batch.
   */
  async findConversionMatches(queries: CandidateQuery[]): Promise<Array<ConversionMatchRow | null>> {
    if (queries.length === 0) return [];
    const rows = (await this.repo.query(
      `SELECT q.i, a.id AS original_id, a.token_id, COALESCE(f.id, a.id) AS target_id,
              CASE WHEN f.id IS NULL THEN a.verify_request_id ELSE f.verify_request_id END AS verify_request_id,
              CASE WHEN f.id IS NULL THEN a.code_ciphertext ELSE f.code_ciphertext END AS code_ciphertext
         FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[])
                WITH ORDINALITY AS q(token_id, okta_user_id, channel, latest, earliest, expires_after, i)
        CROSS JOIN LATERAL (
          SELECT c.id, c.token_id, c.verify_request_id, c.code_ciphertext
            FROM otp_activity c
           WHERE c.token_id = q.token_id AND c.okta_user_id = q.okta_user_id AND c.channel = q.channel
             AND c.fallback_of IS NULL AND c.converted_at IS NULL
             AND c.created_at <= q.latest AND c.created_at >= q.earliest
             AND (c.otp_expires_at IS NULL OR c.otp_expires_at >= q.expires_after)
             AND c.status <> 'BLOCKED'
           ORDER BY c.created_at DESC, c.id DESC
           LIMIT 1) a
        LEFT JOIN otp_activity f ON f.fallback_of = a.id`,
      [
        queries.map((q) => q.tokenId),
        queries.map((q) => q.oktaUserId),
        queries.map((q) => q.channel),
        queries.map((q) => new Date(q.at.getTime() + q.skewMs)),
        queries.map((q) => new Date(q.at.getTime() - q.maxAgeMs)),
        queries.map((q) => new Date(q.at.getTime() - q.skewMs)),
      ],
    )) as Array<{ i: string; original_id: string; token_id: string; target_id: string; verify_request_id: string | null; code_ciphertext: string | null }>;
    const byQuery = new Map(rows.map((r) => [Number(r.i) - 1, r]));
    return queries.map((_, i) => {
      const r = byQuery.get(i);
      return r
        ? { originalId: r.original_id, tokenId: r.token_id, targetId: r.target_id, verifyRequestId: r.verify_request_id, codeCiphertext: r.code_ciphertext }
        : null;
    });
  }

  findFallbackOf(id: string): Promise<ActivityEntity | null> {
    return this.repo.findOneBy({ fallbackOf: id });
  }

  async findSecrets(id: string): Promise<Pick<ActivityEntity, 'codeCiphertext' | 'destinationCiphertext'> | null> {
    return this.repo
      .createQueryBuilder('a')
      .select(['a.id', 'a.codeCiphertext', 'a.destinationCiphertext'])
      .where('a.id = :id', { id })
      .getOne();
  }

  /** Sets converted_at once per attempt (later marks of a converted attempt change nothing) and erases its secrets. */
  async markConverted(marks: ConversionMark[]): Promise<void> {
    if (marks.length === 0) return;
    await this.repo.query(
      `UPDATE otp_activity a
          SET converted_at = m.at, code_ciphertext = NULL, destination_ciphertext = NULL,
              delivery_state = CASE WHEN m.confirmed THEN 'CONVERTED' ELSE a.delivery_state END
         FROM unnest($1::uuid[], $2::timestamptz[], $3::boolean[]) AS m(id, at, confirmed)
        WHERE a.id = m.id AND a.converted_at IS NULL`,
      [marks.map((m) => m.id), marks.map((m) => m.at), marks.map((m) => m.confirmedByVonage)],
    );
  }

  async eraseSecrets(id: string): Promise<void> {
    await this.repo.update({ id }, { codeCiphertext: null, destinationCiphertext: null });
  }

  /**
   * Moves the attempt of a Verify request to a delivery state if it is in one of `change.from`; returns
   * what a status callback needs of it, or null when no attempt moved. A prepared statement: a status
   * callback arrives for every message sent.
   */
  async recordDeliveryState(verifyRequestId: string, change: StateChange): Promise<MovedAttempt | null> {
    const rows = await RECORD_DELIVERY_STATE.run(this.repo.manager.connection, deliveryStateValues(verifyRequestId, change));
    return rows[0] ?? null;
  }

  /** recordDeliveryState, only on the first use of the callback's token, which it records (`firstUse` false: a replay, nothing changed). */
  async recordDeliveryStateOnce(verifyRequestId: string, change: StateChange, token: CallbackTokenUse): Promise<{ firstUse: boolean; moved: MovedAttempt | null }> {
    const [row] = await RECORD_DELIVERY_STATE_ONCE.run(this.repo.manager.connection, [...deliveryStateValues(verifyRequestId, change), token.jti, token.rememberUntil]);
    const moved = row.id ? { id: row.id, channel: row.channel!, fallbackOf: row.fallbackOf ?? null } : null;
    return { firstUse: row.firstUse, moved };
  }

  findByVerifyRequestId(verifyRequestId: string): Promise<ActivityEntity | null> {
    return this.repo
      .createQueryBuilder('a')
      .where('a.id = (SELECT activity_id FROM verify_request_attempt WHERE verify_request_id = :verifyRequestId)', { verifyRequestId })
      .getOne();
  }
}
