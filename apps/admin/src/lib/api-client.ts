import type { ApiErrorBody } from '@otc/contracts';
import { getAccessToken } from './session';

export type QueryValue = string | number | undefined | null;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /** Send the admin bearer token (default true). */
  auth?: boolean;
}

/** An HTTP error answer from the connector, with the parsed `ApiErrorBody` when there is one. */
export class ApiError extends Error {
  readonly status: number;
  readonly body: ApiErrorBody | null;
  readonly retryAfterSeconds: number | null;
  /** The parsed JSON answer whatever its shape (e.g. a 503 health report). */
  readonly raw: unknown;

  constructor(status: number, body: ApiErrorBody | null, retryAfterSeconds: number | null = null, raw: unknown = body) {
    super(body?.message || `The connector answered HTTP ${status}.`);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
    this.retryAfterSeconds = retryAfterSeconds;
    this.raw = raw;
  }

  get fields(): Array<{ field: string; message: string }> {
    return this.body?.fields ?? [];
  }
}

export function isUnauthorized(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

export function buildQuery(query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

function asErrorBody(raw: unknown): ApiErrorBody | null {
  return raw && typeof raw === 'object' && typeof (raw as ApiErrorBody).message === 'string' ? (raw as ApiErrorBody) : null;
}

/** Low-level request: returns the raw Response when it is 2xx, throws ApiError otherwise. */
export async function apiFetch(path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const token = options.auth === false ? null : getAccessToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(path + buildQuery(options.query), {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    const message = 'The connector cannot be reached. Check that it is running and try again.';
    throw new ApiError(0, { statusCode: 0, error: 'Network Error', message });
  }
  if (!response.ok) {
    const retryAfter = Number(response.headers.get('Retry-After'));
    const raw = await readJson(response);
    throw new ApiError(response.status, asErrorBody(raw), Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null, raw);
  }
  return response;
}

/** JSON request; 204 answers resolve to undefined. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await apiFetch(path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}
