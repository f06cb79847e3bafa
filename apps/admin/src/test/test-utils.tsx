import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { vi } from 'vitest';
import { defaultPolicy, type ActivityDto, type AuthEventDto, type DashboardDto, type FraudRefusalDto, type TokenCreatedDto, type TokenDto } from '@otc/contracts';
import { AppProvider } from '../app/provider';
import { createQueryClient } from '../app/query-client';
import { routes } from '../app/routes';
import { startSession } from '../lib/session';

export interface MockRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

export type MockHandler = (request: MockRequest) => Response | Promise<Response>;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

export function apiError(statusCode: number, message: string, fields?: Array<{ field: string; message: string }>): Response {
  return json({ statusCode, error: 'Error', message, fields }, statusCode);
}

/**
 * Stubs global fetch. Routes are "METHOD /path" (query ignored); a value is a handler, a Response,
 * or a body answered as 200 JSON. Unknown routes answer 404 so a missing mock is visible in the UI.
 */
export function mockApi(routes: Record<string, MockHandler | unknown>) {
  const all: Record<string, MockHandler | unknown> = { 'GET /health/ready': { status: 'ok', mode: 'live', checks: {} }, ...routes };
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    const method = (init.method ?? 'GET').toUpperCase();
    const request: MockRequest = { method, url, headers: new Headers(init.headers), body: init.body ? JSON.parse(String(init.body)) : undefined };
    const handler = all[`${method} ${url.pathname}`];
    if (handler === undefined) return apiError(404, `No mock for ${method} ${url.pathname}`);
    if (handler instanceof Response) return handler.clone();
    return typeof handler === 'function' ? (handler as MockHandler)(request) : json(handler);
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    fetchMock,
    requests: (method: string, path: string): MockRequest[] =>
      fetchMock.mock.calls
        .map(([input, init]) => ({ url: new URL(String(input), 'http://localhost'), init: init ?? {} }))
        .filter(({ url, init }) => url.pathname === path && (init.method ?? 'GET') === method)
        .map(({ url, init }) => ({ method, url, headers: new Headers(init.headers), body: init.body ? JSON.parse(String(init.body)) : undefined })),
  };
}

export function renderApp(path: string) {
  const queryClient = createQueryClient();
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const view = render(
    <AppProvider queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return { ...view, router, queryClient };
}

export function signedIn(mode: 'sandbox' | 'live' = 'live'): void {
  startSession({ accessToken: 'test-access-token', expiresAt: new Date(Date.now() + 3600_000).toISOString(), mode });
}

export function aRefusal(overrides: Partial<FraudRefusalDto> = {}): FraudRefusalDto {
  const since = new Date(Date.now() - 5 * 60_000);
  return {
    id: '7f1c2d3e-0000-4000-8000-000000000001',
    tokenId: 'tok-1111-2222',
    scopeKind: 'BLOCK',
    scopeLabel: '+9989012370xx',
    reasonCode: 'FRAUD_BLOCK_VELOCITY',
    evidence: '5 unconverted distinct numbers in +9989012370xx in 2 min, none converted',
    since: since.toISOString(),
    until: new Date(since.getTime() + 15 * 60_000).toISOString(),
    level: 1,
    requestsStopped: 35,
    liftedAt: null,
    ...overrides,
  };
}

export function aToken(overrides: Partial<TokenDto> = {}): TokenDto {
  return {
    id: 'tok-1111-2222',
    name: 'Okta production',
    shortId: 'tok_1111',
    status: 'ACTIVE',
    createdAt: '2025-01-01T10:00:00.000Z',
    expiresAt: '2025-04-01T10:00:00.000Z',
    graceEndsAt: null,
    revokedAt: null,
    lastUsedAt: null,
    rotatedFromId: null,
    rotatedToId: null,
    policy: defaultPolicy(),
    policyRevision: 1,
    policyUpdatedAt: null,
    ...overrides,
  };
}

export function aCreatedToken(token: TokenDto = aToken()): TokenCreatedDto {
  return {
    id: token.id,
    token,
    telephonyWebhookUrl: 'https://connector.example.com/v1/hooks/okta/telephony',
    eventWebhookUrl: 'https://connector.example.com/v1/hooks/okta/events',
    authHeaderName: 'Authorization',
    tokenSecret: 'otc_s3cr3t-value',
  };
}

export function anActivity(overrides: Partial<ActivityDto> = {}): ActivityDto {
  return {
    id: 'act-1',
    createdAt: '2025-01-02T10:00:00.000Z',
    tokenId: 'tok-1111-2222',
    tokenShortId: 'tok_1111',
    channel: 'SMS',
    destination: '+44 77** ***123',
    status: 'SUCCESS',
    reasonCode: 'DELIVERED',
    description: 'Sent through Vonage Verify.',
    flags: [],
    facts: { country: 'GB', networkType: 'MOBILE', carrier: 'Vodafone', insightsMs: 120 },
    latencyMs: 412,
    deliveryState: 'DELIVERED',
    verifyRequestId: 'req-1',
    oktaUserId: '00u1',
    oktaLogin: 'ada@example.com',
    oktaEventId: 'evt-1',
    requestType: 'com.okta.user.telephony.pre-registration',
    fallbackOf: null,
    convertedAt: null,
    ...overrides,
  };
}

export function anAuthEvent(overrides: Partial<AuthEventDto> = {}): AuthEventDto {
  return {
    id: 'ae-1',
    published: '2025-01-02T10:00:30.000Z',
    tokenId: 'tok-1111-2222',
    tokenShortId: 'tok_1111',
    eventType: 'user.authentication.auth_via_mfa',
    factor: 'SMS',
    outcome: 'SUCCESS',
    oktaUserId: '00u1',
    requestId: 'okta-req-9',
    reason: null,
    ...overrides,
  };
}

export function aDashboard(overrides: Partial<DashboardDto> = {}): DashboardDto {
  return {
    mode: 'live',
    period: { from: '2025-01-01T10:00:00.000Z', to: '2025-01-02T10:00:00.000Z', bucket: 'hour' },
    counters: { totalSms: 42, smsSuccess: 37, smsBlocked: 3, totalVoice: 9, voiceSuccess: 8, voiceBlocked: 1 },
    outcomes: {
      SMS: { DELIVERED: 30, DELIVERED_FLAGGED: 7, REFUSED_POLICY: 2, REFUSED_FRAUD_GUARD: 0, BLOCKED_BY_VONAGE: 1, DELIVERY_FAILED: 1, PENDING: 1 },
      VOICE: { DELIVERED: 8, DELIVERED_FLAGGED: 0, REFUSED_POLICY: 1, REFUSED_FRAUD_GUARD: 0, BLOCKED_BY_VONAGE: 0, DELIVERY_FAILED: 0, PENDING: 0 },
    },
    conversionRate: { SMS: 0.75, VOICE: null },
    recentActivity: [],
    recentAuthEvents: [],
    series: [],
    ...overrides,
  };
}
