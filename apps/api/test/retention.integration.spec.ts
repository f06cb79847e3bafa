import { AuthEventDto, defaultPolicy, Page } from '@otc/contracts';
import { DataSource } from 'typeorm';
import { JobWorker } from '../src/events/job-worker';
import { TokensService } from '../src/tokens/tokens.service';
import { adminCall, adminSignIn } from './support/admin-client';
import { FakeClock } from './support/fake-clock';
import { startTestConnector, TestConnector } from './support/test-app';

jest.setTimeout(120_000);

const DAY_MS = 24 * 3_600_000;

describe('retention: raw event deliveries and finished jobs are deleted by the job worker', () => {
  let connector: TestConnector;
  let clock: FakeClock;
  let tokenId: string;
  let secret: string;

  beforeAll(async () => {
    clock = new FakeClock(new Date('2026-01-10T12:00:00.000Z'));
    connector = await startTestConnector({ clock, env: { EVENT_DELIVERY_RETENTION_DAYS: '2', JOB_RETENTION_DAYS: '5' } });
    connector.app.get(JobWorker).stop();
    const created = await connector.app.get(TokensService).create('retention', defaultPolicy());
    tokenId = created.id;
    secret = created.tokenSecret;
  });
  afterAll(() => connector?.stop());

  const db = () => connector.app.get(DataSource);
  const count = async (sql: string) => Number((await db().query(sql))[0].n);

  it('should delete deliveries older than EVENT_DELIVERY_RETENTION_DAYS in batches, keep younger ones and the events parsed from them', async () => {
    const delivery = {
      eventId: 'kept-events',
      eventType: 'com.okta.event_hook',
      data: { events: [{ uuid: 'a6f1c0de-0000-4000-8000-000000000001', eventType: 'user.session.start', published: clock.now().toISOString(), actor: { id: '00uRET' }, outcome: { result: 'SUCCESS' } }] },
    };
    const answer = await connector.app.inject({ method: 'POST', url: '/v1/hooks/okta/events', headers: { authorization: secret, 'content-type': 'application/json' }, payload: delivery });
    expect(answer.statusCode).toBe(204);
    // 2,500 old deliveries: more than two batches.
    await db().query(
      `INSERT INTO okta_event_delivery (token_id, event_id, received_at, event_count, body)
       SELECT $1, 'old-' || i, $2::timestamptz - (i || ' seconds')::interval, 0, '{}'::jsonb FROM generate_series(1, 2500) AS i`,
      [tokenId, new Date(clock.now().getTime() - 3 * DAY_MS)],
    );
    clock.advance(DAY_MS);
    await connector.app.get(JobWorker).runOnce();

    expect(await count(`SELECT count(*) AS n FROM okta_event_delivery WHERE event_id LIKE 'old-%'`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM okta_event_delivery WHERE event_id = 'kept-events'`)).toBe(1);

    clock.advance(2 * DAY_MS);
    await connector.app.get(JobWorker).runOnce();
    expect(await count(`SELECT count(*) AS n FROM okta_event_delivery`)).toBe(0);
    // The event stays; the raw delivery it names is gone.
    expect(
      await count(
        `SELECT count(*) AS n FROM auth_event e WHERE event_uuid = 'a6f1c0de-0000-4000-8000-000000000001' AND okta_user_id = '00uRET'
            AND delivery_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM okta_event_delivery d WHERE d.id = e.delivery_id)`,
      ),
    ).toBe(1);
    // What an admin sees is unchanged: the event, with its token, on the auth events page.
    const jwt = await adminSignIn(connector);
    const page = (await adminCall(connector, jwt, 'GET', '/v1/admin/auth-events?kind=okta&limit=50')).json<Page<AuthEventDto>>();
    expect(page.items).toEqual([expect.objectContaining({ tokenId, oktaUserId: '00uRET', eventType: 'user.session.start', outcome: 'SUCCESS' })]);
  });

  it('should delete finished jobs older than JOB_RETENTION_DAYS and never a pending one', async () => {
    const insertJob = (status: string, ageDays: number) =>
      db().query(
        // A pending job not yet due: the worker leaves it alone, and retention must too.
        `INSERT INTO conversion_job (kind, status, next_attempt_at, created_at, updated_at) VALUES ('CANCEL', $1, $3, $2, $2)`,
        [status, new Date(clock.now().getTime() - ageDays * DAY_MS), new Date(clock.now().getTime() + DAY_MS)],
      );
    await insertJob('DONE', 6);
    await insertJob('FAILED', 6);
    await insertJob('PENDING', 6);
    await insertJob('DONE', 4);
    clock.advance(120_000);
    await connector.app.get(JobWorker).runOnce();

    const left = await db().query(`SELECT status FROM conversion_job ORDER BY status`);
    expect(left.map((r: { status: string }) => r.status)).toEqual(['DONE', 'PENDING']);
  });
});

describe('raw event deliveries kept 0 days (EVENT_DELIVERY_RETENTION_DAYS=0)', () => {
  let connector: TestConnector;
  let clock: FakeClock;
  let secret: string;

  beforeAll(async () => {
    clock = new FakeClock(new Date('2026-01-10T12:00:00.000Z'));
    connector = await startTestConnector({ clock, env: { EVENT_DELIVERY_RETENTION_DAYS: '0' } });
    connector.app.get(JobWorker).stop();
    secret = (await connector.app.get(TokensService).create('no-raw-bodies', defaultPolicy())).tokenSecret;
  });
  afterAll(() => connector?.stop());

  const db = () => connector.app.get(DataSource);
  const post = (payload: Record<string, unknown>) =>
    connector.app.inject({ method: 'POST', url: '/v1/hooks/okta/events', headers: { authorization: secret, 'content-type': 'application/json' }, payload });

  it('should store the events but not the body, still add nothing for a redelivery, and forget the delivery after a day', async () => {
    const events = [1, 2].map((n) => ({ uuid: `b7f1c0de-0000-4000-8000-00000000000${n}`, eventType: 'user.session.start', published: clock.now().toISOString(), actor: { id: '00uRAW' }, outcome: { result: 'SUCCESS' } }));
    const delivery = { eventId: 'no-body', eventType: 'com.okta.event_hook', data: { events } };
    expect((await post(delivery)).statusCode).toBe(204);
    expect((await post(delivery)).statusCode).toBe(204);
    expect((await post({ ...delivery, eventId: 'same-events-again' })).statusCode).toBe(204);

    const stored = await db().query(`SELECT event_id, event_count, body FROM okta_event_delivery ORDER BY event_id`);
    expect(stored).toEqual([
      { event_id: 'no-body', event_count: 2, body: null },
      { event_id: 'same-events-again', event_count: 2, body: null },
    ]);
    const [{ n }] = await db().query(`SELECT count(*)::int AS n FROM auth_event WHERE okta_user_id = '00uRAW'`);
    expect(n).toBe(2);

    clock.advance(DAY_MS / 2);
    await connector.app.get(JobWorker).runOnce();
    expect(await db().query(`SELECT count(*)::int AS n FROM okta_event_delivery`)).toEqual([{ n: 2 }]);
    clock.advance(DAY_MS);
    await connector.app.get(JobWorker).runOnce();
    expect(await db().query(`SELECT count(*)::int AS n FROM okta_event_delivery`)).toEqual([{ n: 0 }]);
  });
});
