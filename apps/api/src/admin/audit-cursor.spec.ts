import { AdminError } from './admin-errors';
import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor';

describe('audit cursor', () => {
  it('should round-trip a position', () => {
    const position = { at: new Date('2026-02-03T04:05:06.789Z'), id: '42' };
    expect(decodeAuditCursor(encodeAuditCursor(position))).toEqual(position);
  });

  it.each(['', 'nonsense', Buffer.from('["not a date","1"]').toString('base64url'), Buffer.from('["2026-01-01T00:00:00Z","1 OR 1=1"]').toString('base64url')])(
    'should refuse a cursor it did not issue: %p',
    (cursor) => {
      expect(() => decodeAuditCursor(cursor)).toThrow(AdminError);
    },
  );
});
