// SQLSTATE class 08 (connection exception) plus the codes PostgreSQL uses when it cannot serve us:
// too many connections, shutdown, cannot connect now, and statement_timeout (query_canceled).
const UNAVAILABLE_SQLSTATES = new Set(['53300', '57P01', '57P02', '57P03', '57014']);
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// What `pg` and `pg-pool` throw when the server is gone or too slow: they carry no code.
const UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|not queryable|Connection (is )?not established|database system is (starting up|shutting down)|Cannot use a pool after calling end/i;

function matches(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08') || UNAVAILABLE_SOCKET_CODES.has(code))) return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return true;
  return Array.isArray((error as { errors?: unknown }).errors) && (error as { errors: unknown[] }).errors.some(matches);
}

/**
 * True when an error means "the database cannot answer right now" (outage, pool or query timeout),
 * as opposed to a bug or a constraint violation. TypeORM wraps driver errors in `driverError`.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return matches(error) || matches((error as { driverError?: unknown } | null)?.driverError);
}
