import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAdminAuditAndSessions1764120000000 implements MigrationInterface {
  name = 'CreateAdminAuditAndSessions1764120000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE admin_session (
        jti uuid NOT NULL,
        actor varchar(200) NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        CONSTRAINT pk_admin_session PRIMARY KEY (jti),
        CONSTRAINT ck_admin_session_expiry CHECK (expires_at > created_at)
      )`);
    await q.query(`CREATE INDEX ix_admin_session_expires ON admin_session (expires_at)`);
    await q.query(`
      CREATE TABLE admin_audit (
        id bigint GENERATED ALWAYS AS IDENTITY,
        at timestamptz NOT NULL,
        actor varchar(200) NOT NULL,
        action varchar(40) NOT NULL,
        target_id varchar(64),
        client_address varchar(64),
        detail varchar(500),
        CONSTRAINT pk_admin_audit PRIMARY KEY (id)
      )`);
    await q.query(`CREATE INDEX ix_admin_audit_at_id ON admin_audit (at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE admin_audit');
    await q.query('DROP TABLE admin_session');
  }
}
