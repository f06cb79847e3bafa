import type { DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import type { DestinationStream, LoggerOptions } from 'pino';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

// Last line of defence: anything shaped like a phone number, an OTP next to "code", or a token secret.
const REDACTIONS: Array<[RegExp, string]> = [
  [/otc_[A-Za-z0-9_-]{8,}/g, 'otc_[redacted]'],
  [/\+?\d[\d ()-]{7,}\d/g, '[number]'],
  [/(code["']?\s*[:=]\s*["']?)[A-Za-z0-9]{4,10}/gi, '$1[redacted]'],
];

export function redact(text: string): string {
  return REDACTIONS.reduce((acc, [pattern, replacement]) => acc.replace(pattern, replacement), text);
}

function redactDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redact(value);
  if (depth > 4 || typeof value !== 'object' || value === null) return value;
  if (value instanceof Error) {
    // Still an Error, so pino serializes it as one and takes the message from it.
    const copy = new Error(redact(value.message));
    copy.name = value.name;
    copy.stack = value.stack && redact(value.stack);
    return copy;
  }
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactDeep(item, depth + 1)]));
}

/**
 * The one logging configuration: a JSON line per entry on stdout, ISO time and level names, headers
 * that carry secrets removed by path, and every message, field and stack scrubbed by shape before pino sees it.
 */
export function loggerOptions(level: LogLevel): LoggerOptions {
  return {
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-okta-verification-challenge"]'], remove: true },
    formatters: {
      level: (label) => ({ level: label }),
    },
    hooks: {
      logMethod(args, method) {
        return method.apply(this, args.map((arg) => redactDeep(arg)) as Parameters<typeof method>);
      },
    },
  };
}

/**
 * nestjs-pino with that configuration. Requests are not logged one by one, so no request middleware is
 * installed (forRoutes: []): the hook path stays lean, and keep-alive sockets stay idle for a fast close.
 */
export function loggingModule(level: LogLevel, destination?: DestinationStream): DynamicModule {
  const options = loggerOptions(level);
  return LoggerModule.forRoot({ forRoutes: [], pinoHttp: destination ? [options, destination] : options });
}
