import { Verify2 } from '@vonage/verify2';
import { CachedJwtAuth } from '../common/cached-jwt-auth';
import { VerifyCheckResult, VerifyClient, VerifyFailureKind, VerifyStartRequest, VerifyStartResult } from './verify.client';

interface VendorError {
  status: number | null;
  title: string;
  detail: string;
  requestId: string | null;
}

async function readVendorError(error: unknown): Promise<VendorError> {
  const response = (error as { response?: { status?: number; json?: () => Promise<unknown> } })?.response;
  if (!response || typeof response.status !== 'number') {
    const name = (error as Error)?.name === 'AbortError' ? 'timeout' : ((error as Error)?.message ?? 'network error');
    return { status: null, title: name, detail: name, requestId: null };
  }
  const body = (await response.json?.().catch(() => null)) as Record<string, unknown> | null;
  return {
    status: response.status,
    title: typeof body?.title === 'string' ? body.title : `HTTP ${response.status}`,
    detail: typeof body?.detail === 'string' ? body.detail : '',
    requestId: typeof body?.request_id === 'string' ? body.request_id : null,
  };
}

/** The one mapping from Verify's HTTP statuses to our failure kinds. */
function failureKind(status: number | null): VerifyFailureKind {
  switch (status) {
    case 400:
    case 404:
    case 409:
    case 422:
      return 'REJECTED';
    case 401:
    case 402:
    case 403:
      return 'AUTH_FAILED';
    case 429:
      return 'THROTTLED';
    default:
      return 'UNAVAILABLE';
  }
}

function withDeadline<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('timeout'), { name: 'AbortError' })), timeoutMs);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

export interface VonageVerifyOptions {
  applicationId: string;
  privateKey: string;
  apiHost: string;
}

/** Adapter over `@vonage/verify2`; vendor types stop here. */
export class VonageVerifyClient implements VerifyClient {
  private readonly clients = new Map<number, Verify2>();
  private readonly auth: CachedJwtAuth;

  constructor(private readonly options: VonageVerifyOptions) {
    this.auth = new CachedJwtAuth({ applicationId: options.applicationId, privateKey: options.privateKey });
  }

  async start(request: VerifyStartRequest, { timeoutMs }: { timeoutMs: number }): Promise<VerifyStartResult> {
    const step: Record<string, string> = { channel: request.channel === 'SMS' ? 'sms' : 'voice', to: request.to };
    if (request.from && request.channel === 'SMS') step.from = request.from;
    try {
      const { requestId } = await withDeadline(
        this.client(timeoutMs).newRequest({
          brand: request.brand,
          code: request.code,
          locale: request.locale,
          clientRef: request.clientRef,
          ...(request.channelTimeout ? { channelTimeout: request.channelTimeout } : {}),
          workflow: [step],
        } as unknown as Parameters<Verify2['newRequest']>[0]),
        timeoutMs,
      );
      return { kind: 'started', requestId };
    } catch (error) {
      const vendor = await readVendorError(error);
      if (vendor.status === 409 && /concurrent/i.test(`${vendor.title} ${vendor.detail}`)) {
        return { kind: 'conflict', activeRequestId: vendor.requestId };
      }
      return { kind: 'failed', failure: failureKind(vendor.status), detail: [vendor.title, vendor.detail].filter(Boolean).join(': ') };
    }
  }

  async check(requestId: string, code: string, { timeoutMs }: { timeoutMs: number }): Promise<VerifyCheckResult> {
    try {
      await withDeadline(this.client(timeoutMs).checkCode(requestId, code), timeoutMs);
      return { kind: 'completed' };
    } catch (error) {
      const vendor = await readVendorError(error);
      if (vendor.status === 400) return { kind: 'invalid-code' };
      if (vendor.status === 404) return { kind: 'not-found' };
      return { kind: 'failed', failure: failureKind(vendor.status), detail: vendor.title };
    }
  }

  async cancel(requestId: string, { timeoutMs }: { timeoutMs: number }): Promise<boolean> {
    return withDeadline(this.client(timeoutMs).cancel(requestId), timeoutMs).catch(() => false);
  }

  // The SDK takes its timeout per client; keep one client per distinct timeout.
  private client(timeoutMs: number): Verify2 {
    const rounded = Math.max(50, Math.round(timeoutMs / 50) * 50);
    let client = this.clients.get(rounded);
    if (!client) {
      client = new Verify2(this.auth, { apiHost: this.options.apiHost, timeout: rounded });
      if (this.clients.size > 32) this.clients.clear();
      this.clients.set(rounded, client);
    }
    return client;
  }
}
