import { isIP } from 'net';

/** Fastify's `trustProxy`: off, a number of proxy hops, or the addresses/CIDRs of the proxies. */
export type TrustProxy = false | number | string[];

function isAddressOrCidr(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

/**
 * Reads TRUST_PROXY. Off by default: X-Forwarded-For is then ignored and the client is the socket's
 * peer. A number trusts that many proxies in front (the client is that many entries from the right);
 * a list trusts exactly those proxies. `true` (trust every hop) is refused: the left-most address is
 * whatever the client wrote.
 */
export function readTrustProxy(raw: string | undefined, problems: string[]): TrustProxy {
  const value = raw?.trim() ?? '';
  if (value === '' || value === 'false' || value === '0') return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops <= 10) return hops;
  } else {
    const entries = value.split(',').map((e) => e.trim()).filter((e) => e !== '');
    const bad = entries.filter((e) => !isAddressOrCidr(e));
    if (entries.length > 0 && bad.length === 0) return entries;
  }
  problems.push(`TRUST_PROXY must be false, a number of proxy hops (0-10) or a comma-separated list of proxy addresses or CIDRs (got "${value.slice(0, 80)}")`);
  return false;
}
