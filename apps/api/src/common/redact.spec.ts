import { randomInt, randomUUID } from 'crypto';
import { redact } from './logging';

const EARLIEST = Date.parse('1970-01-01T00:00:00Z');
const LATEST = Date.parse('2100-01-01T00:00:00Z');

function randomDate(): Date {
  return new Date(EARLIEST + Math.floor(Math.random() * (LATEST - EARLIEST)));
}

describe('redact', () => {
  it('should keep every UUID and ISO date or timestamp intact (a corpus of 5,000 random ones)', () => {
    for (let i = 0; i < 5000; i++) {
      const uuid = randomUUID();
      const at = randomDate();
      const iso = at.toISOString();
      const day = iso.slice(0, 10);
      const offset = `${iso.slice(0, 19)}+02:00`;
      const line = `error id ${uuid} at ${iso} (day ${day}, local ${offset}) token=${uuid.toUpperCase()}`;
      expect(redact(line)).toBe(line);
    }
  });

  it('should still catch phone numbers next to ids and dates, OTP codes and token secrets', () => {
    for (let i = 0; i < 500; i++) {
      const uuid = randomUUID();
      const iso = randomDate().toISOString();
      const national = String(randomInt(100_000_000, 999_999_999));
      const code = String(randomInt(100_000, 999_999));
      const line = `attempt ${uuid} at ${iso} to +44 7${national} and 0${national}, code: ${code}, secret otc_${uuid.replace(/-/g, '')}`;
      const redacted = redact(line);

      expect(redacted).toContain(uuid);
      expect(redacted).toContain(iso);
      expect(redacted).not.toContain(national);
      expect(redacted).not.toContain(code);
      expect(redacted).toContain('otc_[redacted]');
      expect(redacted).toContain('code: [redacted]');
    }
  });
});
