import { connect, Socket } from 'net';
import { startTestConnector, TestConnector } from './support/test-app';

jest.setTimeout(120_000);

const MB = 1024 * 1024;
const ALLOWED_GROWTH = 50 * MB;

interface Outcome {
  status: number;
  sent: number;
  peakGrowth: number;
}

/**
 * Sends a huge body (declared or chunked) without credentials, honouring back-pressure so the sender
 * holds one chunk at a time, and records how far this process's memory (the app runs in it) grew
 * before the answer.
 */
async function sendHugeBody(baseUrl: string, path: string, total: number, framing: 'declared' | 'chunked'): Promise<Outcome> {
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const { port } = new URL(baseUrl);
  const socket: Socket = connect(Number(port), '127.0.0.1');
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let answer = '';
  let done = false;
  const answered = new Promise<void>((resolve) => {
    socket.on('data', (data) => {
      answer += data.toString('latin1');
      if (answer.includes('\r\n\r\n')) {
        done = true;
        resolve();
      }
    });
    socket.on('close', () => {
      done = true;
      resolve();
    });
    socket.on('error', () => undefined);
  });
  // A server that buffers everything takes minutes over 600 MB: give up well before the test's timeout.
  const giveUp = setTimeout(() => socket.destroy(), 30_000);
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const lengthHeader = framing === 'declared' ? `Content-Length: ${total}` : 'Transfer-Encoding: chunked';
  socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${lengthHeader}\r\n\r\n`);
  let sent = 0;
  while (!done && sent < total && !socket.destroyed) {
    const frame = framing === 'chunked' ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]) : chunk;
    sent += chunk.length;
    if (!socket.write(frame)) await Promise.race([new Promise((resolve) => socket.once('drain', resolve)), answered]);
  }
  await answered;
  clearTimeout(giveUp);
  clearInterval(sampler);
  socket.destroy();
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0), sent, peakGrowth: peak - baseline };
}

describe('Body limits come before buffering, on every route', () => {
  let connector: TestConnector;

  beforeAll(async () => {
    connector = await startTestConnector();
  });

  afterAll(async () => {
    await connector?.stop();
  });

  const routes = ['/v1/hooks/vonage/status', '/v1/hooks/okta/telephony', '/v1/hooks/okta/events', '/v1/admin/login'];

  it.each(routes)('should answer 413 to a declared 300 MB body on %s at once, memory growing by less than 50 MB', async (path) => {
    const outcome = await sendHugeBody(connector.baseUrl, path, 300 * MB, 'declared');

    expect(outcome.status).toBe(413);
    expect(outcome.peakGrowth).toBeLessThan(ALLOWED_GROWTH);
    expect(outcome.sent).toBeLessThan(100 * MB);
  });

  it.each(routes)('should answer 413 to a 600 MB chunked body on %s, memory growing by less than 50 MB', async (path) => {
    const outcome = await sendHugeBody(connector.baseUrl, path, 600 * MB, 'chunked');

    expect(outcome.status).toBe(413);
    expect(outcome.peakGrowth).toBeLessThan(ALLOWED_GROWTH);
  });

  it('should still take a signed-size status callback body (the raw body reaches the signature check)', async () => {
    const response = await fetch(`${connector.baseUrl}/v1/hooks/vonage/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ request_id: 'x'.repeat(1000) }),
    });
    // No signature: refused by the signature check, not by a limit or the reader.
    expect(response.status).toBe(401);
  });
});
