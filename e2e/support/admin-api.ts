import type { ActivityDto, CreateTokenRequest, LoginResponse, Page, TokenCreatedDto } from '@otc/contracts';
import type { AdminCredentials } from './running-connector';

/** The admin REST API as the admin app uses it: sign in with the instance's Vonage key and secret. */
export class AdminApi {
  private constructor(
    private readonly baseUrl: string,
    private readonly accessToken: string,
  ) {}

  static async signIn(baseUrl: string, credentials: AdminCredentials): Promise<AdminApi> {
    const answer = await fetch(`${baseUrl}/v1/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(credentials),
    });
    if (answer.status !== 200) throw new Error(`admin sign-in failed: ${answer.status} ${await answer.text()}`);
    return new AdminApi(baseUrl, ((await answer.json()) as LoginResponse).accessToken);
  }

  async createToken(request: CreateTokenRequest): Promise<TokenCreatedDto> {
    return this.call<TokenCreatedDto>('POST', '/v1/admin/tokens', request, 201);
  }

  /** The one activity record of an Okta event, found among its token's attempts. */
  async activityOf(tokenId: string, oktaEventId: string): Promise<ActivityDto> {
    const page = await this.call<Page<ActivityDto>>('GET', `/v1/admin/activity?tokenId=${tokenId}&limit=100`);
    const matches = page.items.filter((item) => item.oktaEventId === oktaEventId);
    if (matches.length !== 1) throw new Error(`expected one activity record for event ${oktaEventId}, found ${matches.length}`);
    return matches[0];
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown, expected = 200): Promise<T> {
    const answer = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.accessToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (answer.status !== expected) throw new Error(`${method} ${path}: ${answer.status} ${await answer.text()}`);
    return (await answer.json()) as T;
  }
}
