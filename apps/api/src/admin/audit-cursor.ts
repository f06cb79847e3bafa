import { decodeCursor, encodeCursor } from '../common/page';
import { AdminError } from './admin-errors';
import type { AuditPosition } from './audit.repository';

// Audit entries have bigint ids.
const AUDIT_ID = /^\d{1,19}$/;

export function encodeAuditCursor(position: AuditPosition): string {
  return encodeCursor({ at: position.at.toISOString(), id: position.id });
}

export function decodeAuditCursor(raw: string): AuditPosition {
  const cursor = decodeCursor(raw, AUDIT_ID);
  if (cursor) return { at: new Date(cursor.at), id: cursor.id };
  throw new AdminError('INVALID_CURSOR', 'cursor is not one this API returned', [{ field: 'cursor', message: 'cursor is not one this API returned' }]);
}
