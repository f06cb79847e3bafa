import { CachedJwtAuth } from '../common/cached-jwt-auth';
import { withDeadline } from '../common/with-deadline';
import { AuthenticationType, Client } from '@vonage/server-client';
import { InsightsUnavailableError } from './insights-unavailable.error';
import { toNumberInsights } from './insights-mapping';
import type { InsightsRequest, NumberInsights, NumberInsightsClient } from './number-insights.client';

export interface VonageIdentityInsightsOptions {
  applicationId: string;
  privateKey: string;
  /** Scheme included, no trailing slash. */
  host: string;
  /** Upper bound the SDK aborts the socket at; each lookup may ask for less. */
  sdkTimeoutMs: number;
}

interface VonageInsightsRequestBody {
  phone_number: string;
  insights: { format?: object; original_carrier?: object; current_carrier?: object };
}

const MAX_CAUSE_LENGTH = 160;

export class VonageIdentityInsightsClient extends Client implements NumberInsightsClient {
  protected override authType = AuthenticationType.JWT;

  constructor(options: VonageIdentityInsightsOptions) {
    super(new CachedJwtAuth({ applicationId: options.applicationId, privateKey: options.privateKey }), {
      identityInsightsHost: options.host.replace(/\/+$/, ''),
      timeout: options.sdkTimeoutMs,
    });
  }

  async lookup(request: InsightsRequest, options: { timeoutMs: number }): Promise<NumberInsights> {
    const body = toRequestBody(request);
    if (Object.keys(body.insights).length === 0) return {};
    // The SDK only knows its instance-wide timeout; this holds each call to its own budget.
    return withDeadline(this.post(body), options.timeoutMs, () => new InsightsUnavailableError(`timeout after ${options.timeoutMs} ms`));
  }

  private async post(body: VonageInsightsRequestBody): Promise<NumberInsights> {
    const url = `${this.config.identityInsightsHost}/identity-insights/v1/requests`;
    try {
      const response = await this.sendPostRequest<unknown>(url, { ...body });
      const insights = toNumberInsights(response.data);
      if (!insights) throw new InsightsUnavailableError('bad body');
      return insights;
    } catch (error) {
      throw error instanceof InsightsUnavailableError ? error : new InsightsUnavailableError(await describeFailure(error));
    }
  }
}

function toRequestBody(request: InsightsRequest): VonageInsightsRequestBody {
  return {
    phone_number: request.digits,
    insights: {
      ...(request.format ? { format: {} } : {}),
      ...(request.originalCarrier ? { original_carrier: {} } : {}),
      ...(request.currentCarrier ? { current_carrier: {} } : {}),
    },
  };
}

interface HttpFailure {
  response: { ok: boolean; status: number; text(): Promise<string> };
}

function isHttpFailure(error: unknown): error is HttpFailure {
  const response = (error as { response?: { status?: unknown; text?: unknown } } | null)?.response;
  return typeof response?.status === 'number' && typeof response.text === 'function';
}

async function describeFailure(error: unknown): Promise<string> {
  if (isHttpFailure(error)) {
    // The SDK also throws on a 2xx whose JSON does not parse.
    if (error.response.ok) return 'bad body';
    const problem = await readProblem(error.response);
    return truncate(`http ${error.response.status}${problem ? `: ${problem}` : ''}`);
  }
  // Duck-typed: fetch's errors may come from another realm, where instanceof Error fails.
  const { name, message, code, cause } = (error ?? {}) as { name?: unknown; message?: unknown; code?: unknown; cause?: { code?: unknown; message?: unknown } };
  if (name === 'AbortError') return 'timeout';
  const networkCode = cause?.code ?? code;
  if (typeof networkCode === 'string') return truncate(`network: ${networkCode}`);
  if (message === 'fetch failed') return truncate(`network: ${typeof cause?.message === 'string' ? cause.message : 'fetch failed'}`);
  return truncate(`error: ${typeof message === 'string' ? message : String(error)}`);
}

/** Request-level errors come as RFC 7807 ({title, detail}) or as {status, code, message}. */
async function readProblem(response: HttpFailure['response']): Promise<string | null> {
  try {
    const body: unknown = JSON.parse(await response.text());
    if (typeof body !== 'object' || body === null) return null;
    const { title, detail, code, message } = body as Record<string, unknown>;
    const head = [title, code].find((v): v is string | number => typeof v === 'string' || typeof v === 'number');
    const tail = [detail, message].find((v): v is string => typeof v === 'string');
    return [head, tail].filter((v) => v !== undefined && v !== '').join(' - ') || null;
  } catch {
    return null;
  }
}

function truncate(cause: string): string {
  return cause.length > MAX_CAUSE_LENGTH ? `${cause.slice(0, MAX_CAUSE_LENGTH - 1)}…` : cause;
}
