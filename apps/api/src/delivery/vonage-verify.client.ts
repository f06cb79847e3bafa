import { Logger } from '@nestjs/common';
import { Verify2 } from '@vonage/verify2';
import { CachedJwtAuth } from '../common/cached-jwt-auth';
import { postJson } from '../common/vonage-http';
import { withDeadline } from '../common/with-deadline';
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
  return vendorError(response.status, await response.json?.().catch(() => null));
}

function vendorError(status: number, answer: unknown): VendorError {
  const body = (typeof answer === 'object' && answer !== null ? answer : null) as Record<string, unknown> | null;
  return {
    status,
    title: typeof body?.title === 'string' ? body.title : `HTTP ${status}`,
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


export interface VonageVerifyOptions {
  applicationId: string;
  privateKey: string;
  apiHost: string;
  /** Ceiling for any call, enforced by the SDK; each call's own, usually shorter, deadline is enforced here. */
  sdkTimeoutMs: number;
}

/** Adapter over `@vonage/verify2`; vendor types stop here. */
export class VonageVerifyClient implements VerifyClient {
  private readonly logger = new Logger(VonageVerifyClient.name);
  private readonly sdk: Verify2;
  private readonly auth: CachedJwtAuth;
  private readonly apiHost: string;
  private readonly ceilingMs: number;

  constructor(options: VonageVerifyOptions) {
    this.auth = new CachedJwtAuth({ applicationId: options.applicationId, privateKey: options.privateKey });
    this.apiHost = options.apiHost.replace(/\/+$/, '');
    this.ceilingMs = options.sdkTimeoutMs;
    this.sdk = new Verify2(this.auth, { apiHost: options.apiHost, timeout: options.sdkTimeoutMs });
  }

  /** A plain keep-alive POST (common/vonage-http.ts): the hook's critical path. */
  async start(request: VerifyStartRequest, { timeoutMs }: { timeoutMs: number }): Promise<VerifyStartResult> {
    const step: Record<string, string> = { channel: request.channel === 'SMS' ? 'sms' : 'voice', to: request.to };
    if (request.from && request.channel === 'SMS') step.from = request.from;
    const body = {
      brand: request.brand,
      code: request.code,
      ...(request.locale ? { locale: request.locale } : {}),
      client_ref: request.clientRef,
      ...(request.channelTimeout ? { channel_timeout: request.channelTimeout } : {}),
      workflow: [step],
    };
    let vendor: VendorError;
    try {
      const answer = await withDeadline(postJson(`${this.apiHost}/v2/verify`, await this.auth.createBearerHeader(), body, this.ceilingMs), timeoutMs);
      const requestId = (answer.body as { request_id?: unknown } | null)?.request_id;
      if (answer.status >= 200 && answer.status < 300 && typeof requestId === 'string') return { kind: 'started', requestId };
      vendor = answer.status < 300 ? { status: null, title: 'bad body', detail: 'bad body', requestId: null } : vendorError(answer.status, answer.body);
    } catch (error) {
      vendor = await readVendorError(error);
    }
    if (vendor.status === 409 && /concurrent/i.test(`${vendor.title} ${vendor.detail}`)) {
      return { kind: 'conflict', activeRequestId: vendor.requestId };
    }
    return { kind: 'failed', failure: failureKind(vendor.status), detail: [vendor.title, vendor.detail].filter(Boolean).join(': ') };
  }

  /** A plain keep-alive POST too: conversions check one code per sign-in, thousands a second in a sign-in storm. */
  async check(requestId: string, code: string, { timeoutMs }: { timeoutMs: number }): Promise<VerifyCheckResult> {
    let vendor: VendorError;
    try {
      const url = `${this.apiHost}/v2/verify/${encodeURIComponent(requestId)}`;
      const answer = await withDeadline(postJson(url, await this.auth.createBearerHeader(), { code }, this.ceilingMs), timeoutMs);
      if (answer.status >= 200 && answer.status < 300) return { kind: 'completed' };
      vendor = vendorError(answer.status, answer.body);
    } catch (error) {
      vendor = await readVendorError(error);
    }
    if (vendor.status === 400) return { kind: 'invalid-code' };
    if (vendor.status === 404) return { kind: 'not-found' };
    return { kind: 'failed', failure: failureKind(vendor.status), detail: vendor.title };
  }

  /** The SDK answers cancel with a bare boolean and keeps the reason; a refusal is at least logged. */
  async cancel(requestId: string, { timeoutMs }: { timeoutMs: number }): Promise<boolean> {
    const cancelled = await withDeadline(this.sdk.cancel(requestId), timeoutMs).catch(() => false);
    if (!cancelled) this.logger.warn(`Verify did not cancel request ${requestId} (refused, unknown or no answer within ${timeoutMs} ms)`);
    return cancelled;
  }

}
