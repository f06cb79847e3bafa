import type { FraudRefusalDto, LoginResponse, Page } from '@otc/contracts';
import { previewRequest } from '../../src/cli/okta-preview';
import type { ConnectorApp } from '../../src/create-app';

let nextAddress = 0;

/** Signs in to one connector's admin API with its own (sandbox) Vonage credentials. */
export async function adminSignIn(connector: ConnectorApp): Promise<string> {
  const response = await connector.app.inject({
    method: 'POST',
    url: '/v1/admin/login',
    payload: { apiKey: connector.config.vonage.apiKey, apiSecret: connector.config.vonage.apiSecret },
    // A fresh address per sign-in keeps the per-address login throttle out of these tests.
    remoteAddress: `10.1.${Math.floor(++nextAddress / 250)}.${nextAddress % 250}`,
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  return response.json<LoginResponse>().accessToken;
}

export function adminCall(connector: ConnectorApp, jwt: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) {
  return connector.app.inject({ method, url, payload, headers: { authorization: `Bearer ${jwt}` } });
}

/** An admin API read that must succeed: its JSON body. */
export async function adminGet<T>(connector: ConnectorApp, jwt: string, url: string): Promise<T> {
  const response = await adminCall(connector, jwt, 'GET', url);
  expect(response.statusCode).toBe(200);
  return response.json<T>();
}

/** The first page of the fraud guard's refusals, as the fraud page reads them (`query`: `?tokenId=…&view=…`). */
export async function fraudRefusals(connector: ConnectorApp, jwt: string, query: string): Promise<FraudRefusalDto[]> {
  return (await adminGet<Page<FraudRefusalDto>>(connector, jwt, `/v1/admin/fraud/refusals${query}`)).items;
}

/**
 * One Okta telephony hook call with the given secret (or `Bearer <access token>`); returns the HTTP
 * status. A caller polling with a secret not accepted yet passes an address of its own, so the
 * wrong-secret throttle counts its misses apart from other tests'.
 */
export async function hookStatus(connector: ConnectorApp, secret: string, phone = '+447400123456', remoteAddress = '127.0.0.1'): Promise<number> {
  const response = await connector.app.inject({
    method: 'POST',
    url: '/v1/hooks/okta/telephony',
    remoteAddress,
    headers: { authorization: secret },
    payload: previewRequest(phone, 'sms', '482913'),
  });
  return response.statusCode;
}
