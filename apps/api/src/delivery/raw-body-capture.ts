import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { Readable } from 'stream';

export const SIGNED_BODY_PATHS = ['/v1/hooks/vonage/status'];

/**
 * Vonage signs the exact bytes it sends (payload_hash), so the status callback route keeps its raw
 * body next to the parsed one: read once, handed on to the JSON parser unchanged.
 */
@Injectable()
export class RawBodyCapture implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify?.addHook) return;
    fastify.addHook('preParsing', async (request, _reply, payload) => {
      if (!SIGNED_BODY_PATHS.includes(request.url.split('?')[0])) return payload;
      const chunks: Buffer[] = [];
      for await (const chunk of payload) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
      const raw = Buffer.concat(chunks);
      (request as { rawBody?: string }).rawBody = raw.toString('utf8');
      return Readable.from([raw]);
    });
  }
}
