import { CachedJwtAuth } from '../common/cached-jwt-auth';
import { JsonAnswer, postJson } from '../common/vonage-http';
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

  private readonly bearer: CachedJwtAuth;
  private readonly url: string;
  private readonly ceilingMs: number;

  constructor(options: VonageIdentityInsightsOptions) {
    const bearer = new CachedJwtAuth({ applicationId: options.applicationId, privateKey: options.privateKey });
    super(bearer, { identityInsightsHost: options.host.replace(/\/+$/, ''), timeout: options.sdkTimeoutMs });
    this.bearer = bearer;
    this.url = `${this.config.identityInsightsHost}/identity-insights/v1/requests`;
    this.ceilingMs = options.sdkTimeoutMs;
  }

  async lookup(request: InsightsRequest, options: { timeoutMs: number }): Promise<NumberInsights> {
    const body = toRequestBody(request);
    if (Object.keys(body.insights).length === 0) return {};
    // The SDK only knows its instance-wide timeout; this holds each call to its own budget.
    return withDeadline(this.post(body), options.timeoutMs, () => new InsightsUnavailableError(`timeout after ${options.timeoutMs} ms`));
  }

  /** A plain keep-alive POST (common/vonage-http.ts): the hook's critical path. */
  private async post(body: VonageInsightsRequestBody): Promise<NumberInsights> {
    let answer: JsonAnswer;
    try {
      answer = await postJson(this.url, await this.bearer.createBearerHeader(), body, this.ceilingMs);
    } catch (error) {
      throw new InsightsUnavailableError(describeFailure(error));
    }
    if (answer.status < 200 || answer.status >= 300) {
      const problem = problemOf(answer.body);
      throw new InsightsUnavailableError(truncate(`http ${answer.status}${problem ? `: ${problem}` : ''}`));
    }
    const insights = toNumberInsights(answer.body);
    if (!insights) throw new InsightsUnavailableError('bad body');
    return insights;
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

function describeFailure(error: unknown): string {
  // Duck-typed: errors may come from another realm, where instanceof Error fails.
  const { name, message, code, cause } = (error ?? {}) as { name?: unknown; message?: unknown; code?: unknown; cause?: { code?: unknown; message?: unknown } };
  if (name === 'AbortError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return 'timeout';
  const networkCode = cause?.code ?? code;
  if (typeof networkCode === 'string') return truncate(`network: ${networkCode}`);
  return truncate(`error: ${typeof message === 'string' ? message : String(error)}`);
}

/** Request-level errors come as RFC 7807 ({title, detail}) or as {status, code, message}. */
function problemOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const { title, detail, code, message } = body as Record<string, unknown>;
  const head = [title, code].find((v): v is string | number => typeof v === 'string' || typeof v === 'number');
  const tail = [detail, message].find((v): v is string => typeof v === 'string');
  return [head, tail].filter((v) => v !== undefined && v !== '').join(' - ') || null;
}

function truncate(cause: string): string {
  return cause.length > MAX_CAUSE_LENGTH ? `${cause.slice(0, MAX_CAUSE_LENGTH - 1)}…` : cause;
}
