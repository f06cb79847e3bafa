import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A new token is announced on `otc_token_changed` too, as `new <id>`: the tokens of an OAuth issuer
 * are cached as one list (tokens/tokens.service.ts), which a token created for the same issuer on
 * another instance or by the CLI must refresh at once. Entries looked up by secret cannot hold a token
 * that did not exist yet, so they stay.
 */
export class NotifyTokenInserts1764198000000 implements MigrationInterface {
  name = 'NotifyTokenInserts1764198000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION otc_notify_token_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('otc_token_changed', CASE WHEN TG_OP = 'INSERT' THEN 'new ' || NEW.id ELSE OLD.id::text END);
        RETURN NULL;
      END
      $$`);
    await q.query(`CREATE TRIGGER tr_token_inserted AFTER INSERT ON token FOR EACH ROW EXECUTE FUNCTION otc_notify_token_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER tr_token_inserted ON token');
    await q.query(`
      CREATE OR REPLACE FUNCTION otc_notify_token_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('otc_token_changed', OLD.id::text);
        RETURN NULL;
      END
      $$`);
  }
}
