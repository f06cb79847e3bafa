import { DataSource } from 'typeorm';

interface Pool {
  options: { max: number };
  connect(): Promise<{ release(): void }>;
}

/**
 * Opens every pool connection once at start-up. Opening one costs a SCRAM handshake and a server
 * process; done under the first burst of hook calls on a busy machine it can outlast the connect
 * timeout and turn a call into a 503. The pool keeps them (no idle timeout).
 */
export async function warmPool(dataSource: DataSource): Promise<void> {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  const clients = await Promise.all(Array.from({ length: pool.options.max }, () => pool.connect()));
  clients.forEach((client) => client.release());
}
