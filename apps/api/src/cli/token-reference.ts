import type { TokensService } from '../tokens/tokens.service';

/**
 * How every CLI command names a token: by its id (a UUID) or its short id (8 hex characters), the
 * two `token list` prints. Both are unique, so a value names one token or none; none is an error
 * naming the option it came from.
 */
export async function resolveTokenReference(tokens: Pick<TokensService, 'idOf'>, value: string, option: string): Promise<string> {
  const id = await tokens.idOf(value);
  if (id === null) throw new Error(`${option} must be a token id or short id (\`token list\` prints both): no token has ${JSON.stringify(value)}`);
  return id;
}
