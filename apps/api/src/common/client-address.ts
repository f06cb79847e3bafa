import { isIP } from 'net';

/** Longest textual IP address (IPv6 with an embedded IPv4 part); the audit column holds 64. */
const MAX_ADDRESS_LENGTH = 45;

/**
 * The client's address as Fastify resolved it under TRUST_PROXY, or null when it is not an IP address
 * (text from a forged or broken X-Forwarded-For that a trusted proxy passed on).
 */
export function clientAddressOf(request: { ip?: unknown }): string | null {
  const ip = request.ip;
  if (typeof ip !== 'string' || ip.length > MAX_ADDRESS_LENGTH || isIP(ip) === 0) return null;
  return ip;
}
