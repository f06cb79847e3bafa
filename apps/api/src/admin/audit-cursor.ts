import { AdminError } from './admin-errors';
import type { AuditPosition } from './audit.repository';

/** Opaque keyset cursor: the (at, id) of the last entry of the previous page. */
export function encodeAuditCursor(position: AuditPosition): string {
  return Buffer.from(JSON.stringify([position.at.toISOString(), position.id]), 'utf8').toString('base64url');
}

export function decodeAuditCursor(cursor: string): AuditPosition {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const date = new Date(String(at));
    if (typeof at === 'string' && !Number.isNaN(date.getTime()) && typeof id === 'string' && /^\d{1,19}$/.test(id)) {
      return { at: date, id };
    }
  } catch {
    // falls through to the error below
  }
  throw new AdminError('INVALID_CURSOR', 'cursor is not one this API returned', [{ field: 'cursor', message: 'cursor is not one this API returned' }]);
}
