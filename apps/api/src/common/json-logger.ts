import { LoggerService } from '@nestjs/common';

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
type Level = (typeof LEVELS)[number];

// Last line of defence: anything shaped like a phone number, an OTP next to "code", or a token secret.
const REDACTIONS: Array<[RegExp, string]> = [
  [/otc_[A-Za-z0-9_-]{8,}/g, 'otc_[redacted]'],
  [/\+?\d[\d ()-]{7,}\d/g, '[number]'],
  [/(code["']?\s*[:=]\s*["']?)[A-Za-z0-9]{4,10}/gi, '$1[redacted]'],
];

export function redact(text: string): string {
  return REDACTIONS.reduce((acc, [pattern, replacement]) => acc.replace(pattern, replacement), text);
}

/** One JSON object per line on stdout, redacted before it is written. */
export class JsonLogger implements LoggerService {
  constructor(private readonly minLevel: Level = 'info') {}

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.write('error', message, context, trace);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }

  private write(level: Level, message: unknown, context?: string, trace?: string): void {
    if (LEVELS.indexOf(level) < LEVELS.indexOf(this.minLevel)) return;
    const text = typeof message === 'string' ? message : JSON.stringify(message);
    const line: Record<string, unknown> = { time: new Date().toISOString(), level, context, msg: redact(text) };
    if (trace) line.trace = redact(trace);
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}
