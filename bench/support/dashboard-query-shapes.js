'use strict';
// The dashboard's reads as they were before this branch (SQL copied from the replaced code, with the
// rollup a day behind as it was) against the same reads through this build's repositories, on the
// same data in one run. Each shape: `before(ctx)` and `after(ctx)`, run alternately.

const { randomUUID } = require('crypto');
const { join } = require('path');
const { DataSource } = require('typeorm');

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const floorHour = (ms) => new Date(Math.floor(ms / HOUR) * HOUR);
const ceilHour = (ms) => new Date(Math.ceil(ms / HOUR) * HOUR);

/** What the replaced code queried: counters and series each scanned the unfolded part of the period (the last day at least). */
function beforeTotals(ACTIVITY_COUNTS, outcomeSql, unit) {
  const range = `(created_at >= $1 AND created_at < $3) OR (created_at >= $4 AND created_at <= $2)`;
  return {
    counters: `SELECT channel, outcome, sum(total) AS total, sum(sent) AS sent, sum(converted) AS converted
                 FROM (SELECT channel, ${ACTIVITY_COUNTS} FROM otp_activity WHERE ${range} GROUP BY 1, 2
                       UNION ALL
                       SELECT channel, outcome, sum(total), sum(sent), sum(converted) FROM activity_hourly WHERE bucket >= $3 AND bucket < $4 GROUP BY 1, 2) AS parts
                GROUP BY 1, 2`,
    series: `SELECT bucket, channel, outcome, sum(count) AS count
               FROM (SELECT date_trunc('${unit}', created_at, 'UTC') AS bucket, channel, ${outcomeSql()} AS outcome, count(*) AS count FROM otp_activity WHERE ${range} GROUP BY 1, 2, 3
                     UNION ALL
                     SELECT date_trunc('${unit}', bucket, 'UTC'), channel, outcome, sum(total) FROM activity_hourly WHERE bucket >= $3 AND bucket < $4 GROUP BY 1, 2, 3) AS parts
              GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
  };
}

/** The replaced rollup answered whole hours older than a day: the period's split as it computed it. */
function beforeSplit(from, now) {
  const rolledUntil = floorHour(now - DAY);
  const firstWholeHour = ceilHour(from.getTime());
  return rolledUntil <= firstWholeHour ? [from, from] : [firstWholeHour, rolledUntil];
}

async function shapeContext(dist, url, clients) {
  const { ActivityEntity } = require(join(dist, 'delivery/activity.entity.js'));
  const { ActivityCountsRepository, ACTIVITY_COUNTS } = require(join(dist, 'delivery/activity-counts.repository.js'));
  const { ActivityRollupRepository } = require(join(dist, 'delivery/activity-rollup.repository.js'));
  const { ActivityRepository } = require(join(dist, 'delivery/activity.repository.js'));
  const { outcomeSql } = require(join(dist, 'delivery/activity-outcome.sql.js'));
  const { EventIntakeRepository } = require(join(dist, 'events/event-intake.repository.js'));
  const dataSource = await new DataSource({ type: 'postgres', url, entities: [ActivityEntity] }).initialize();
  return {
    clients,
    dataSource,
    ActivityEntity,
    ACTIVITY_COUNTS,
    outcomeSql,
    intake: new EventIntakeRepository(dataSource),
    counts: new ActivityCountsRepository(dataSource),
    rollup: new ActivityRollupRepository(dataSource),
    activity: new ActivityRepository(dataSource.getRepository(ActivityEntity)),
  };
}

function dashboardShape(days, unit) {
  return {
    name: `dashboard ${days === 1 ? '24h' : `${days}d`}: counters and series`,
    async before(ctx) {
      const now = Date.now();
      const from = new Date(now - days * DAY);
      const [rolledFrom, rolledTo] = beforeSplit(from, now);
      const sql = beforeTotals(ctx.ACTIVITY_COUNTS, ctx.outcomeSql, unit);
      const params = [from, new Date(now), rolledFrom, rolledTo];
      // The replaced code ran both at once, on two connections.
      await Promise.all([ctx.clients[0].query(sql.counters, params), ctx.clients[1].query(sql.series, params)]);
    },
    async after(ctx) {
      const now = Date.now();
      await ctx.counts.totals(new Date(now - days * DAY), new Date(now), unit, await ctx.rollup.rolledUntil());
    },
  };
}

/** An activity page as the replaced code read it: one scan, the outcome filter over the CASE expression, through TypeORM as now. */
function pageShape(name, filters, limits = { before: 51, after: 51 }) {
  return {
    name,
    async before(ctx) {
      const qb = ctx.dataSource.getRepository(ctx.ActivityEntity).createQueryBuilder('a');
      if (filters.outcomes) qb.andWhere(`${ctx.outcomeSql('a')} IN (${filters.outcomes.map((o) => `'${o}'`).join(', ')})`);
      if (filters.channel) qb.andWhere('a.channel = :channel', { channel: filters.channel });
      if (filters.days) qb.andWhere('a.created_at >= :from', { from: new Date(Date.now() - filters.days * DAY) });
      await qb
        .addSelect(`to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, 'cursor_at')
        .orderBy('a.created_at', 'DESC')
        .addOrderBy('a.id', 'DESC')
        .limit(limits.before)
        .getRawAndEntities();
    },
    async after(ctx) {
      const query = { outcomes: filters.outcomes, channel: filters.channel, from: filters.days ? new Date(Date.now() - filters.days * DAY) : undefined };
      await ctx.counts.activityPage(query, null, limits.after, await ctx.rollup.rolledUntil());
    },
  };
}

/** 100 events of one delivery (10 of them SMS sign-ins), as the intake receives them parsed. */
function intakeBatch() {
  const now = new Date();
  const events = Array.from({ length: 100 }, (_, i) => ({
    uuid: randomUUID(),
    published: now,
    eventType: i < 10 ? 'user.authentication.auth_via_mfa' : 'user.session.start',
    factor: i < 10 ? 'SMS_FACTOR' : null,
    outcome: 'SUCCESS',
    reason: null,
    oktaUserId: `00ushape${i}`,
    requestId: randomUUID(),
  }));
  return { eventId: randomUUID(), events, convertible: events.map((_, i) => i < 10), body: JSON.stringify({ data: { events } }) };
}

/** Storing one delivery of 100 events: a transaction of four statements before, one statement now. */
function intakeShape() {
  return {
    name: 'event intake: one delivery of 100 events',
    async before(ctx) {
      const b = intakeBatch();
      const db = ctx.clients[0];
      const column = (key) => b.events.map((e) => e[key]);
      await db.query('BEGIN');
      try {
        const [delivery] = (
          await db.query(
            `INSERT INTO okta_event_delivery (token_id, event_id, received_at, event_count, body) VALUES ($1, $2, $3, $4, $5::jsonb)
             ON CONFLICT ON CONSTRAINT uq_okta_event_delivery_event DO NOTHING RETURNING id`,
            [ctx.tokenIds[5], b.eventId, new Date(), b.events.length, b.body],
          )
        ).rows;
        const stored = (
          await db.query(
            `INSERT INTO auth_event (token_id, delivery_id, event_uuid, published, received_at, event_type, factor, outcome, okta_user_id, request_id, reason)
             SELECT $1, $2, u.event_uuid, COALESCE(u.published, $3), $3, u.event_type, u.factor, u.outcome, u.okta_user_id, u.request_id, u.reason
               FROM unnest($4::varchar[], $5::timestamptz[], $6::varchar[], $7::varchar[], $8::varchar[], $9::varchar[], $10::varchar[], $11::text[])
                 AS u(event_uuid, published, event_type, factor, outcome, okta_user_id, request_id, reason)
             ON CONFLICT ON CONSTRAINT uq_auth_event_uuid DO NOTHING
             RETURNING id, event_type, factor, outcome, okta_user_id`,
            [ctx.tokenIds[5], delivery.id, new Date(), column('uuid'), column('published'), column('eventType'), column('factor'), column('outcome'), column('oktaUserId'), column('requestId'), column('reason')],
          )
        ).rows;
        const convertible = stored.filter((e) => e.factor === 'SMS_FACTOR').map((e) => e.id);
        await db.query(
          `INSERT INTO conversion_job (kind, auth_event_id, status, attempts, next_attempt_at, created_at, updated_at)
           SELECT 'CONVERT', id, 'PENDING', 0, $2, $2, $2 FROM unnest($1::uuid[]) AS id ON CONFLICT DO NOTHING`,
          [convertible, new Date()],
        );
        await db.query('COMMIT');
      } catch (error) {
        await db.query('ROLLBACK');
        throw error;
      }
    },
    async after(ctx) {
      const b = intakeBatch();
      await ctx.intake.store({ tokenId: ctx.tokenIds[5], eventId: b.eventId, bodyText: b.body, receivedAt: new Date(), eventCount: 100, events: b.events, convertible: b.convertible });
    },
  };
}

const QUERY_SHAPES = [
  dashboardShape(1, 'hour'),
  dashboardShape(7, 'day'),
  dashboardShape(30, 'day'),
  {
    name: 'token statistics 30d, largest token',
    async before(ctx) {
      const now = Date.now();
      await ctx.clients[0].query(
        `SELECT channel, ${ctx.ACTIVITY_COUNTS} FROM otp_activity WHERE token_id = $1 AND created_at >= $2 AND created_at <= $3 GROUP BY 1, 2`,
        [ctx.tokenIds[0], new Date(now - 30 * DAY), new Date(now)],
      );
    },
    async after(ctx) {
      const now = Date.now();
      await ctx.counts.tokenCounts(ctx.tokenIds[0], new Date(now - 30 * DAY), new Date(now), await ctx.rollup.rolledUntil());
    },
  },
  {
    name: 'fraud page: SHADOW findings of 30 days',
    async before(ctx) {
      await ctx.clients[0].query(
        `SELECT a.* FROM otp_activity a WHERE a.created_at >= $1
            AND EXISTS (SELECT 1 FROM jsonb_array_elements(a.flags) f WHERE left(f->>'detail', length($2)) = $2)
          ORDER BY a.created_at DESC LIMIT 200`,
        [new Date(Date.now() - 30 * DAY), 'SHADOW (delivered): '],
      );
    },
    async after(ctx) {
      await ctx.activity.findShadowFindings(new Date(Date.now() - 30 * DAY), null, 200);
    },
  },
  pageShape('activity page: SMS delivery failed, 24h', { outcomes: ['DELIVERY_FAILED'], channel: 'SMS', days: 1 }),
  pageShape('activity page: voice refused or blocked, 30d', { outcomes: ['REFUSED_POLICY', 'REFUSED_FRAUD_GUARD', 'BLOCKED_BY_VONAGE'], channel: 'VOICE', days: 30 }),
  pageShape('activity page: pending, 30d (none)', { outcomes: ['PENDING'], channel: 'SMS', days: 30 }),
  pageShape('activity page: refused by the fraud guard, no period', { outcomes: ['REFUSED_FRAUD_GUARD'] }),
  // The export's first read: a full batch of 2,000 before, a first batch of 200 now.
  pageShape('CSV export: first read, no filter', {}, { before: 2000, after: 200 }),
  pageShape('CSV export: first read, SMS delivery failed, 24h', { outcomes: ['DELIVERY_FAILED'], channel: 'SMS', days: 1 }, { before: 2000, after: 200 }),
  intakeShape(),
];

module.exports = { QUERY_SHAPES, shapeContext };
