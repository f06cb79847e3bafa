import type { Pool, QueryResultRow } from 'pg';
import { DataSource } from 'typeorm';

/**
 * A statement on the hook's hot path, run as a named prepared statement straight on the pool's
 * `pg` client: PostgreSQL parses and plans it once per pooled connection instead of on every call,
 * and no SQL is built per call. The same pool as TypeORM's, so its timeouts apply. A name stands
 * for one text: after a migration changes a table these read, instances restart (they do anyway).
 */
export class PreparedStatement<Row extends QueryResultRow> {
  constructor(
    private readonly name: string,
    private readonly text: string,
  ) {}

  async run(dataSource: DataSource, values: unknown[]): Promise<Row[]> {
    const pool = (dataSource.driver as unknown as { master: Pool }).master;
    const result = await pool.query<Row>({ name: this.name, text: this.text, values });
    return result.rows;
  }
}
