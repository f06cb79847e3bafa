import { createHash } from 'crypto';
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

// Sleeps end early (resolved) on close() so flush() never waits on a cancelled timer.
const sleep = (ms: number, timers: Map<NodeJS.Timeout, () => void>) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      resolve();
    }, ms);
    timers.set(timer, resolve);
  });

/**
 * Posts Verify callbacks like Vonage's signed webhooks: an HS256 JWT in `Authorization: Bearer`
 * whose `payload_hash` is the SHA-256 hex of the exact body sent. A receiver that does not answer
 * 2xx gets the callback again (twice more); delivery failures are swallowed so they never reach
 * the simulated API.
 */
export class CallbackDispatcher {
  private readonly pending = new Set<Promise<void>>();
  private readonly timers = new Map<NodeJS.Timeout, () => void>();
  private closed = false;

  constructor(private readonly options: CallbackDispatcherOptions) {}

  dispatch(payload: object): void {
    if (!this.options.url || this.closed) return;
    const delivery = this.deliver(this.options.url, JSON.stringify(payload)).finally(() => this.pending.delete(delivery));
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
  }

  reopen(): void {
    this.closed = false;
  }

  private async deliver(url: string, body: string): Promise<void> {
    await sleep(this.options.delayMs, this.timers);
    for (let attempt = 0; attempt <= RETRY_DELAYS_MS.length && !this.closed; attempt++) {
      if (attempt > 0) await sleep(RETRY_DELAYS_MS[attempt - 1], this.timers);
      if (this.closed) return;
      if (await this.post(url, body)) return;
    }
  }

  private async post(url: string, body: string): Promise<boolean> {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.sign(body)}` },
        body,
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      await response.arrayBuffer().catch(() => undefined);
      return response.ok;
    } catch {
      return false;
    }
  }

  private sign(body: string): string {
    const { apiKey, applicationId, signatureSecret, now } = this.options;
    return signHs256(
      {
        iat: Math.floor(now().getTime() / 1000),
        iss: 'Vonage',
        api_key: apiKey,
        ...(applicationId ? { application_id: applicationId } : {}),
        payload_hash: createHash('sha256').update(body).digest('hex'),
      },
      signatureSecret,
    );
  }
}
