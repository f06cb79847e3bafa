import { createServer, IncomingMessage, Server } from 'http';
import type { AddressInfo } from 'net';

/** A local incoming-webhook endpoint: records each JSON body; `failNext` answers 500 that many times. */
export class AlertReceiver {
  readonly bodies: Array<Record<string, unknown>> = [];
  failNext = 0;
  private server: Server | null = null;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      void readBody(request).then((text) => {
        if (this.failNext > 0) {
          this.failNext--;
          response.writeHead(500).end('not now');
          return;
        }
        this.bodies.push(JSON.parse(text));
        response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/alerts`;
  }

  /** The bodies whose text mentions `needle`, once at least one has arrived (or after `timeoutMs`). */
  async waitFor(needle: string, timeoutMs = 60_000): Promise<Array<Record<string, unknown>>> {
    const deadline = Date.now() + timeoutMs;
    const matching = () => this.bodies.filter((b) => JSON.stringify(b).includes(needle));
    while (matching().length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    return matching();
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve) ?? resolve(null));
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => resolve(text));
  });
}
