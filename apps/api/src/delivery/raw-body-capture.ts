import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Transform } from 'stream';

export const SIGNED_BODY_PATHS = ['/v1/hooks/vonage/status'];

/**
 * Vonage signs the exact bytes it sends (payload_hash), so the status callback route keeps its raw
 * body next to the parsed one. The bytes are copied as they pass through to Fastify's body reader,
 * which enforces the body limit (declared length first, then bytes received): nothing is buffered
 * here that the reader would refuse.
 */
@Injectable()
export class RawBodyCapture implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify?.addHook) return;
    const limit = fastify.initialConfig.bodyLimit ?? 1024 * 1024;
    fastify.addHook('preParsing', async (request, _reply, payload) => {
      if (!SIGNED_BODY_PATHS.includes(request.url.split('?')[0])) return payload;
      return payload.pipe(rawBodyCopy(request, limit));
    });
  }
}

/** A pass-through that keeps a copy of at most `limit` bytes and sets `request.rawBody` at the end. */
function rawBodyCopy(request: FastifyRequest, limit: number): Transform {
  const chunks: Buffer[] = [];
  let kept = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      kept += chunk.length;
      if (kept <= limit) chunks.push(chunk);
      callback(null, chunk);
    },
    flush(callback) {
      if (kept <= limit) (request as { rawBody?: string }).rawBody = Buffer.concat(chunks).toString('utf8');
      callback();
    },
  });
}
