import { createHash, createSecretKey, type KeyObject } from 'crypto';
import { Agent as HttpAgent, request as httpRequest } from 'http';
import { Agent as HttpsAgent, request as httpsRequest } from 'https';
import { signHs256 } from '../auth/jwt.util';

export interface CallbackDispatcherOptions {
  url?: string;
  signatureSecret: string;
  apiKey: string;
  applicationId?: string;
  delayMs: number;
  now: () => Date;
}

const RETRY_DELAYS_MS = [50, 200];
const DELIVERY_TIMEOUT_MS = 5000;
// Idle connections to the receiver are kept this long, shorter than common server keep-alive timeouts
// (Node's 5 s excepted: a callback racing that close fails once and is retried).
const IDLE_CONNECTION_MS = 4000;
const MAX_CONNECTIONS = 16;

// Sleeps end early (resolved) on close() so flush() never waits on a cancelled timer.
const sleep = (ms: number, timers: Map<NodeJS.Timeout, () => void>) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      resolve();
    }, ms);
    timers.set(timer, resolve);
  });

const newAgent = (url: URL) => {
  const options = { keepAlive: true, maxSockets: MAX_CONNECTIONS, timeout: IDLE_CONNECTION_MS };
  return url.protocol === 'https:' ? new HttpsAgent(options) : new HttpAgent(options);
};

/**
 * Posts Verify callbacks like Vonage's signed webhooks: an HS256 JWT in `Authorization: Bearer`
 * whose `payload_hash` is the SHA-256 hex of the exact body sent. A receiver that does not answer
 * 2xx gets the callback again (twice more); delivery failures are swallowed so they never reach
 * the simulated API. Connections to the receiver are kept alive between callbacks, as a webhook
 * sender under steady traffic does: a connection per callback cost more than the rest of it.
 */
export class CallbackDispatcher {
  private readonly pending = new Set<Promise<void>>();
  private readonly timers = new Map<NodeJS.Timeout, () => void>();
  private readonly secret: KeyObject;
  private target: URL | null = null;
  private agent: HttpAgent | null = null;
  private closed = false;

  constructor(private readonly options: CallbackDispatcherOptions) {
    this.secret = createSecretKey(Buffer.from(options.signatureSecret, 'utf8'));
    this.retarget(options.url);
  }

  /** Callbacks of later changes go to `url` (none when undefined); queued ones keep theirs. */
  retarget(url: string | undefined): void {
    this.target = url ? new URL(url) : null;
    this.agent?.destroy();
    this.agent = null;
  }

  dispatch(payload: object): void {
    if (!this.target || this.closed) return;
    const delivery = this.deliver(this.target, JSON.stringify(payload)).finally(() => this.pending.delete(delivery));
    this.pending.add(delivery);
  }

  /** Loops because a delivery can be queued while others are in flight. */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  close(): void {
    this.closed = true;
    for (const [timer, wake] of this.timers) {
      clearTimeout(timer);
      wake();
    }
    this.timers.clear();
    this.agent?.destroy();
    this.agent = null;
  }

  reopen(): void {
    this.closed = false;
  }

  private async deliver(target: URL, body: string): Promise<void> {
    await sleep(this.options.delayMs, this.timers);
    for (let attempt = 0; attempt <= RETRY_DELAYS_MS.length && !this.closed; attempt++) {
      if (attempt > 0) await sleep(RETRY_DELAYS_MS[attempt - 1], this.timers);
      if (this.closed) return;
      if (await this.post(target, body)) return;
    }
  }

  /** True when the receiver answered 2xx; false on any other answer, a network error or a timeout. */
  private post(target: URL, body: string): Promise<boolean> {
    // One agent for the current target; a callback queued for an earlier target gets a connection of its own.
    const agent = target === this.target ? (this.agent ??= newAgent(target)) : undefined;
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve) => {
      const request = send(
        target,
        {
          method: 'POST',
          agent: agent ?? false,
          timeout: DELIVERY_TIMEOUT_MS,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${this.sign(body)}` },
        },
        (response) => {
          const ok = response.statusCode !== undefined && response.statusCode >= 200 && response.statusCode < 300;
          response.on('end', () => resolve(ok));
          response.on('error', () => resolve(false));
          response.resume();
        },
      );
      request.on('timeout', () => request.destroy());
      request.on('error', () => resolve(false));
      request.on('close', () => resolve(false)); // ended without an answer (a no-op once resolved)
      request.end(body);
    });
  }

  private sign(body: string): string {
    const { apiKey, applicationId, now } = this.options;
    return signHs256(
      {
        iat: Math.floor(now().getTime() / 1000),
        iss: 'Vonage',
        api_key: apiKey,
        ...(applicationId ? { application_id: applicationId } : {}),
        payload_hash: createHash('sha256').update(body).digest('hex'),
      },
      this.secret,
    );
  }
}
