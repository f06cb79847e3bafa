import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { REQUEST_KIND_OF_TYPE } from '@otc/contracts';
import type { Channel, RequestKind } from '@otc/contracts';
import { DataSource } from 'typeorm';
import { CONVERTED_COUNT, SENT_COUNT, periodParts } from './activity-counts.repository';
import type { RollupMarks } from './activity-rollup.repository';
import { outcomeInSql } from './activity-outcome.sql';

/**
 * Attempts of one token to one place (country, null: none; channel; Okta request kind): how many,
 * sent through Vonage, refused (policy or fraud guard), converted (Okta reported the code used).
 */
export interface PlaceCount {
  tokenId: string;
  country: string | null;
  channel: Channel;
  requestKind: RequestKind;
  attempts: number;
  sent: number;
  refused: number;
  converted: number;
}

export interface LastConversion {
  tokenId: string;
  country: string | null;
  at: Date;
}

// Every literal below comes from the contracts' table; the checks keep it that way.
function literal(value: string, pattern: RegExp): string {
  if (!pattern.test(value)) throw new Error(`Not a request type literal: ${value}`);
  return `'${value}'`;
}

/** The SQL twin of `requestKindOf` (libs/contracts), built from the same table. */
export function requestKindSql(): string {
  const whens = Object.entries(REQUEST_KIND_OF_TYPE).map(([type, kind]) => `WHEN ${literal(type, /^[a-z.-]+$/)} THEN ${literal(kind, /^[A-Z_]+$/)}`);
  return `(CASE request_type ${whens.join(' ')} ELSE 'OTHER' END)`;
}

/** The place of an attempt as the rollup keys it: no country is '' (a key column cannot be null). */
const PLACE_KEY = `token_id, coalesce(country::text, '') AS country, channel, ${requestKindSql()} AS request_kind`;

/** How attempts count by place; the live count and the hourly usage rollup share it. */
const PLACE_COUNTS = `count(*) AS attempts, ${SENT_COUNT} AS sent,
  count(*) FILTER (WHERE ${outcomeInSql(['REFUSED_POLICY', 'REFUSED_FRAUD_GUARD'])}) AS refused,
  ${CONVERTED_COUNT} AS converted`;

/** How the rollup folds [$1, $2) of otp_activity into activity_usage_hourly. */
export const FOLD_USAGE = `INSERT INTO activity_usage_hourly (bucket, token_id, country, channel, request_kind, attempts, sent, refused, converted, last_converted_at)
  SELECT date_trunc('hour', created_at, 'UTC'), ${PLACE_KEY}, ${PLACE_COUNTS}, max(converted_at)
    FROM otp_activity
   WHERE created_at >= $1 AND created_at < $2
   GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (bucket, token_id, country, channel, request_kind) DO UPDATE SET
    attempts = activity_usage_hourly.attempts + EXCLUDED.attempts,
    sent = activity_usage_hourly.sent + EXCLUDED.sent,
    refused = activity_usage_hourly.refused + EXCLUDED.refused,
    converted = activity_usage_hourly.converted + EXCLUDED.converted,
    last_converted_at = GREATEST(activity_usage_hourly.last_converted_at, EXCLUDED.last_converted_at)`;

/**
 * Usage by place, for spend estimates and conversion by place: whole days and hours before the
 * watermarks come from activity_usage_daily and activity_usage_hourly, the rest is counted live over
 * the (created_at, id) index.
 */
@Injectable()
export class ActivityUsageRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Over [from, to], every token's or one token's. */
  async counts(from: Date, to: Date, tokenId: string | null, marks: RollupMarks): Promise<PlaceCount[]> {
    const token = tokenId ? 'AND token_id = $7' : '';
    const rolled = (table: string, range: string) =>
      `SELECT token_id, country, channel, request_kind, sum(attempts), sum(sent), sum(refused), sum(converted) FROM ${table} WHERE ${range} ${token} GROUP BY 1, 2, 3, 4`;
    const rows = (await this.dataSource.query(
      `SELECT token_id, country, channel, request_kind, sum(attempts) AS attempts, sum(sent) AS sent, sum(refused) AS refused, sum(converted) AS converted
         FROM (
           SELECT ${PLACE_KEY}, ${PLACE_COUNTS}
             FROM otp_activity
            WHERE ((created_at >= $1 AND created_at < $3) OR (created_at >= $4 AND created_at <= $2)) ${token}
            GROUP BY 1, 2, 3, 4
           UNION ALL
           ${rolled('activity_usage_hourly', 'bucket >= $3 AND bucket < $5')}
           UNION ALL
           ${rolled('activity_usage_hourly', 'bucket >= $6 AND bucket < $4')}
           UNION ALL
           ${rolled('activity_usage_daily', 'bucket >= $5 AND bucket < $6')}
         ) AS parts
        GROUP BY 1, 2, 3, 4`,
      [...periodParts(from, to, marks), ...(tokenId ? [tokenId] : [])],
    )) as Array<Record<string, string>>;
    return rows.map((r) => ({
      tokenId: r.token_id,
      country: r.country || null,
      channel: r.channel as Channel,
      requestKind: r.request_kind as RequestKind,
      attempts: Number(r.attempts),
      sent: Number(r.sent),
      refused: Number(r.refused),
      converted: Number(r.converted),
    }));
  }

  /**
   * The latest conversion since `since` of each token in each of these countries: one index probe
   * per place in the rollup, plus the attempts after its watermark.
   */
  async lastConversions(places: Array<{ tokenId: string; country: string | null }>, since: Date, rolledUntil: Date | null): Promise<LastConversion[]> {
    if (places.length === 0) return [];
    const place = 'SELECT * FROM unnest($1::uuid[], $4::text[]) AS p(token_id, country)';
    return this.lastConversionsAt(place, [places.map((p) => p.tokenId), since, rolledUntil ?? since, places.map((p) => p.country ?? '')]);
  }

  /**
   * The same for every country one token converted in: its countries are found by skipping along
   * the index of conversions (one probe per country), then each is probed as above.
   */
  async lastConversionsOf(tokenId: string, since: Date, rolledUntil: Date | null): Promise<LastConversion[]> {
    const place = `WITH RECURSIVE seen(country) AS (
        (SELECT country FROM activity_usage_hourly WHERE token_id = $4 AND last_converted_at IS NOT NULL ORDER BY country LIMIT 1)
        UNION ALL
        SELECT (SELECT h.country FROM activity_usage_hourly h
                 WHERE h.token_id = $4 AND h.last_converted_at IS NOT NULL AND h.country > seen.country
                 ORDER BY h.country LIMIT 1)
          FROM seen WHERE seen.country IS NOT NULL)
      SELECT $4::uuid AS token_id, country FROM seen WHERE country IS NOT NULL`;
    return this.lastConversionsAt(place, [[tokenId], since, rolledUntil ?? since, tokenId]);
  }

  /** $1: the tokens, $2: since, $3: the watermark; `place` selects (token_id, country) from $1 and $4. */
  private async lastConversionsAt(place: string, params: unknown[]): Promise<LastConversion[]> {
    const rows = (await this.dataSource.query(
      `WITH place AS (${place})
       SELECT token_id, country, max(at) AS at
         FROM (
           SELECT place.token_id, place.country,
                  (SELECT h.last_converted_at FROM activity_usage_hourly h
                    WHERE h.token_id = place.token_id AND h.country = place.country AND h.last_converted_at >= $2
                    ORDER BY h.last_converted_at DESC LIMIT 1) AS at
             FROM place
           UNION ALL
           SELECT a.token_id, coalesce(a.country::text, ''), max(a.converted_at)
             FROM otp_activity a
            WHERE a.created_at >= $3 AND a.converted_at >= $2 AND a.token_id = ANY($1::uuid[])
            GROUP BY 1, 2
         ) AS parts
        WHERE at IS NOT NULL
        GROUP BY 1, 2`,
      params,
    )) as Array<{ token_id: string; country: string; at: Date }>;
    return rows.map((r) => ({ tokenId: r.token_id, country: r.country || null, at: new Date(r.at) }));
  }
}
