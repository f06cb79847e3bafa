import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change a hook call depends on (revocation, rotation, expiry, policy, secret, deletion) is
 * announced on commit on the `otc_token_changed` channel, whoever makes it (any instance, the admin
 * API or the CLI), so instances may keep token lookups in memory (tokens/token-cache.ts).
 * `last_used_at` is not watched: it changes all the time and means nothing to a hook call.
 */
export class NotifyTokenChanges1764193000000 implements MigrationInterface {
  name = 'NotifyTokenChanges1764193000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION otc_notify_token_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('otc_token_changed', OLD.id::text);
        RETURN NULL;
      END
      $$`);
    await q.query(`
      CREATE TRIGGER tr_token_changed
      AFTER UPDATE OF policy, expires_at, grace_ends_at, revoked_at, secret_hash, auth_header_name OR DELETE ON token
      FOR EACH ROW EXECUTE FUNCTION otc_notify_token_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER tr_token_changed ON token');
    await q.query('DROP FUNCTION otc_notify_token_changed()');
  }
}
