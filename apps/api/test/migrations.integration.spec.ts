import { defaultPolicy, parsePolicy } from '@otc/contracts';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../src/database/migrations';
import { UpgradeTokenPoliciesToV21764175000000 } from '../src/database/migrations/1764175000000-UpgradeTokenPoliciesToV2';
import { HotActivityCompletion1764200000000 } from '../src/database/migrations/1764200000000-HotActivityCompletion';
import { DropActivityTokenKey1764206000000 } from '../src/database/migrations/1764206000000-DropActivityTokenKey';
import { ActivitySweepRepository } from '../src/delivery/activity-sweep.repository';
import { startTestConnector, TestConnector } from './support/test-app';
import { createStandaloneTestDatabase, TestDatabase } from './support/test-database';

jest.setTimeout(60_000);

describe('Migrations when several instances start at once', () => {
  let database: TestDatabase;
  const connectors: TestConnector[] = [];

  beforeAll(async () => {
    database = await createStandaloneTestDatabase();
  });

  afterAll(async () => {
    await Promise.all(connectors.map((c) => c.stop()));
    await database?.drop();
  });

  it('should apply each migration exactly once while three instances boot together on an empty database', async () => {
    connectors.push(...(await Promise.all([1, 2, 3].map(() => startTestConnector({ database })))));

    const applied: Array<{ name: string }> = await connectors[0].app.get(DataSource).query('SELECT name FROM migrations ORDER BY id');
    expect(applied.map((m) => m.name)).toEqual(MIGRATIONS.map((m) => m.name));
    for (const connector of connectors) {
      expect((await fetch(`${connector.baseUrl}/health/ready`)).status).toBe(200);
    }
  });
});

describe('Upgrading stored version 1 policies', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createStandaloneTestDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  function dataSource(migrations: Array<new () => object>): DataSource {
    return new DataSource({ type: 'postgres', url: database.url, migrations: migrations as never, synchronize: false });
  }

  it('should rewrite a version 1 policy as version 2 with the new sections at their defaults, and back', async () => {
    const upgrade = MIGRATIONS.indexOf(UpgradeTokenPoliciesToV21764175000000);
    const before = dataSource(MIGRATIONS.slice(0, upgrade));
    await before.initialize();
    await before.runMigrations();
    const v1 = { ...defaultPolicy(), version: 1, countryAllowlist: ['GB'], onFlag: 'LOG_ONLY' } as Record<string, unknown>;
    for (const key of ['allowNonGeographicNumbers', 'refusalAnswer', 'fraudGuard']) delete v1[key];
    await before.query(`INSERT INTO token (name, short_id, secret_hash, policy, policy_version) VALUES ('old', 'tok_old', $1, $2, 1)`, ['a'.repeat(64), JSON.stringify(v1)]);
    await before.destroy();

    const after = dataSource(MIGRATIONS);
    await after.initialize();
    await after.runMigrations();
    const [row] = await after.query(`SELECT policy, policy_version FROM token WHERE short_id = 'tok_old'`);
    expect(row.policy_version).toBe(2);
    expect(row.policy).toEqual({ ...defaultPolicy(), countryAllowlist: ['GB'], onFlag: 'LOG_ONLY' });
    expect(parsePolicy(row.policy)).toEqual({ ok: true, policy: row.policy });

    // Undo every migration from the upgrade on (later ones come first).
    for (let i = MIGRATIONS.length - 1; i >= upgrade; i--) await after.undoLastMigration();
    const [reverted] = await after.query(`SELECT policy, policy_version FROM token WHERE short_id = 'tok_old'`);
    expect(reverted).toEqual({ policy: v1, policy_version: 1 });
    await after.destroy();
  });
});

describe('Settling attempts without index writes, on a table that already holds attempts', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createStandaloneTestDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  const migrated = async (migrations: Array<new () => object>) => {
    const dataSource = new DataSource({ type: 'postgres', url: database.url, migrations: migrations as never, synchronize: false });
    await dataSource.initialize();
    await dataSource.runMigrations();
    return dataSource;
  };
  const requestEntries = (db: DataSource) => db.query(`SELECT verify_request_id, activity_id FROM verify_request_attempt ORDER BY verify_request_id`);

  it('should find earlier attempts by their Verify request, erase their due codes and fail their stale attempts, and undo cleanly', async () => {
    const before = await migrated(MIGRATIONS.slice(0, MIGRATIONS.indexOf(HotActivityCompletion1764200000000)));
    const [{ id: tokenId }] = await before.query(
      `INSERT INTO token (name, short_id, secret_hash, policy, policy_version) VALUES ('old', 'tok_hot', $1, '{}', 2) RETURNING id`,
      ['b'.repeat(64)],
    );
    const attempt = async (eventId: string, fields: string, values: string) =>
      (
        await before.query(
          `INSERT INTO otp_activity (token_id, okta_event_id, channel, destination_masked, destination_hash, reason_code, description, flags, facts, latency_ms, ${fields})
           VALUES ($1, $2, 'SMS', '+44*******01', $3, 'DELIVERED', '', '[]', '{}', 0, ${values}) RETURNING id`,
          [tokenId, eventId, 'c'.repeat(64)],
        )
      )[0].id as string;
    const due = await attempt('e-due', 'created_at, status, verify_request_id, delivery_state, code_ciphertext, otp_expires_at', `now() - interval '10 minutes', 'SUCCESS', 'req-due', 'DELIVERED', 'sealed', now() - interval '1 minute'`);
    const live = await attempt('e-live', 'created_at, status, verify_request_id, delivery_state, code_ciphertext, otp_expires_at', `now() - interval '1 minute', 'SUCCESS', 'req-live', 'PENDING', 'sealed', now() + interval '4 minutes'`);
    const stale = await attempt('e-stale', 'created_at, status', `now() - interval '10 minutes', 'PENDING'`);
    await before.destroy();

    const after = await migrated(MIGRATIONS);
    expect(await requestEntries(after)).toEqual([
      { verify_request_id: 'req-due', activity_id: due },
      { verify_request_id: 'req-live', activity_id: live },
    ]);
    const sweeps = new ActivitySweepRepository(after);
    expect((await sweeps.claimExpired(new Date(), 1000)).changed).toEqual([{ id: due, verifyRequestId: 'req-due' }]);
    expect((await sweeps.interruptStale(new Date(Date.now() - 5000), 10_000, 1000, 'Interrupted')).changed).toEqual([stale]);
    const rows = await after.query(`SELECT id, status, delivery_state, code_ciphertext FROM otp_activity ORDER BY created_at, okta_event_id`);
    expect(rows).toEqual([
      { id: due, status: 'SUCCESS', delivery_state: 'EXPIRED', code_ciphertext: null },
      { id: stale, status: 'FAILED', delivery_state: null, code_ciphertext: null },
      { id: live, status: 'SUCCESS', delivery_state: 'PENDING', code_ciphertext: 'sealed' },
    ]);

    // Undo every migration from this one on (later ones come first).
    for (let i = MIGRATIONS.length - 1; i >= MIGRATIONS.indexOf(HotActivityCompletion1764200000000); i--) await after.undoLastMigration();
    const indexes = (await after.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'otp_activity'`)).map((r: { indexname: string }) => r.indexname);
    expect(indexes).toEqual(expect.arrayContaining(['ix_otp_activity_verify_request', 'ix_otp_activity_pending_created', 'ix_otp_activity_live_code', 'ix_otp_activity_created_counts']));
    expect(await after.query(`SELECT to_regclass('verify_request_attempt') AS entries`)).toEqual([{ entries: null }]);
    expect(await after.query(`SELECT count(*)::int AS n FROM otp_activity`)).toEqual([{ n: 3 }]);

    await after.runMigrations();
    expect(await requestEntries(after)).toHaveLength(2);
    await after.destroy();
  });
});

describe('Claiming attempts without a key to token, on a table that already holds attempts', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createStandaloneTestDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  const tokenKeys = (db: DataSource) =>
    db.query(`SELECT conname FROM pg_constraint WHERE conrelid = 'otp_activity'::regclass AND contype = 'f' ORDER BY conname`);

  it('should keep every attempt and its token through the migration and its undo', async () => {
    const db = new DataSource({ type: 'postgres', url: database.url, migrations: MIGRATIONS as never, synchronize: false });
    await db.initialize();
    await db.runMigrations();
    expect(await tokenKeys(db)).toEqual([{ conname: 'fk_otp_activity_fallback' }]);
    const [{ id: tokenId }] = await db.query(
      `INSERT INTO token (name, short_id, secret_hash, policy, policy_version) VALUES ('kept', 'tok_key', $1, '{}', 2) RETURNING id`,
      ['d'.repeat(64)],
    );
    await db.query(
      `INSERT INTO otp_activity (created_at, token_id, okta_event_id, channel, destination_masked, destination_hash, status, reason_code, description, flags, facts, latency_ms)
       VALUES (now(), $1, 'e-kept', 'SMS', '+44*******01', $2, 'SUCCESS', 'DELIVERED', '', '[]', '{}', 0)`,
      [tokenId, 'e'.repeat(64)],
    );

    // Undo every migration from this one on (later ones come first): the key comes back, and holds.
    for (let i = MIGRATIONS.length - 1; i >= MIGRATIONS.indexOf(DropActivityTokenKey1764206000000); i--) await db.undoLastMigration();
    expect(await tokenKeys(db)).toEqual([{ conname: 'fk_otp_activity_fallback' }, { conname: 'fk_otp_activity_token' }]);
    await expect(
      db.query(
        `INSERT INTO otp_activity (created_at, token_id, okta_event_id, channel, destination_masked, destination_hash, status, reason_code, description, flags, facts, latency_ms)
         VALUES (now(), gen_random_uuid(), 'e-orphan', 'SMS', '+44*******01', $1, 'SUCCESS', 'DELIVERED', '', '[]', '{}', 0)`,
        ['e'.repeat(64)],
      ),
    ).rejects.toThrow(/fk_otp_activity_token/);

    await db.runMigrations();
    expect(await tokenKeys(db)).toEqual([{ conname: 'fk_otp_activity_fallback' }]);
    expect(await db.query(`SELECT a.okta_event_id, t.short_id FROM otp_activity a JOIN token t ON t.id = a.token_id`)).toEqual([{ okta_event_id: 'e-kept', short_id: 'tok_key' }]);
    await db.destroy();
  });
});
