import { INestApplicationContext, Logger as NestLogger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { Writable } from 'stream';
import { loggingModule } from './logging';

describe('logging through Nest and pino', () => {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  let app: INestApplicationContext;

  beforeAll(async () => {
    @Module({ imports: [loggingModule('info', destination)] })
    class LoggingOnly {}
    app = await NestFactory.createApplicationContext(LoggingOnly, { bufferLogs: true });
    app.useLogger(app.get(Logger));
  });

  afterAll(() => app.close());

  beforeEach(() => lines.splice(0));

  it('should write one JSON object per line with an ISO time, the level name and the context', () => {
    new NestLogger('Delivery').log('Verify request started');

    expect(lines).toEqual([expect.objectContaining({ level: 'info', context: 'Delivery', msg: 'Verify request started' })]);
    expect(lines[0].time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('should never write a phone number, an OTP code or a token secret, whether in the message, a field or a stack', () => {
    const logger = new NestLogger('Hooks');
    logger.warn('SMS to +44 7400 123456 failed; code: 482913; secret otc_abcdefghijklmnop');
    logger.error('Unhandled error for 447400123456', new Error('refused +447400123456 with code=482913').stack);
    logger.error({ to: '+447400123456', note: 'otc_abcdefghijklmnop' });

    const written = JSON.stringify(lines);
    expect(lines).toHaveLength(3);
    for (const secret of ['7400123456', '7400 123456', '482913', 'otc_abcdefghijklmnop']) expect(written).not.toContain(secret);
  });

  it('should leave out entries below the configured level', () => {
    new NestLogger('Delivery').debug('internal detail');

    expect(lines).toEqual([]);
  });
});
