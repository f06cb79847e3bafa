/** The rows of an `UPDATE ... RETURNING` raw query: TypeORM's postgres driver wraps them as [rows, affected]. */
export function returningRows<T>(result: unknown): T[] {
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];
}
