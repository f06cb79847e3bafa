import type { IncomingMessage, ServerResponse } from 'http';

export type JsonRead = { ok: true; value: unknown } | { ok: false };

/** Reads the whole body; an empty body reads as `undefined` (the SDK posts next_workflow without one). */
export function readJsonBody(req: IncomingMessage): Promise<JsonRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => resolve({ ok: false }));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8').trim();
      if (text === '') return resolve({ ok: true, value: undefined });
      try {
        resolve({ ok: true, value: JSON.parse(text) });
      } catch {
        resolve({ ok: false });
      }
    });
  });
}

// The SDK decodes a 2xx body as JSON only when content-type is exactly application/json.
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

// Vonage answers errors as RFC 7807 documents.
export function sendProblem(res: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/problem+json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendEmpty(res: ServerResponse, status: number): void {
  res.writeHead(status);
  res.end();
}
