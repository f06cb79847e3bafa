import type { AuditEntryDto, Page, TokenCreatedDto, TokenDto } from '@otc/contracts';
import { AdminTokensService } from '../src/admin/admin-tokens.service';
import { runTokenCommand } from '../src/cli/token-commands';
import { TokensService } from '../src/tokens/tokens.service';
import { adminCall, adminSignIn, hookStatus } from './support/admin-client';
import { FakeClock } from './support/fake-clock';
import { startTestConnector, TestConnector } from './support/test-app';

jest.setTimeout(90_000);

const GRACE_MS = 24 * 3600 * 1000;

describe('token lifecycle end to end: admin API, Okta hook, fake clock', () => {
  const clock = new FakeClock(new Date('2026-05-04T10:00:00Z'));
  let connector: TestConnector;

  beforeAll(async () => {
    connector = await startTestConnector({ clock });
  });

  afterAll(async () => {
    await connector?.stop();
  });

  it('should accept old and new secrets during the grace period, then only the new one, then none after revoke', async () => {
    let jwt = await adminSignIn(connector);
    const created = (await adminCall(connector, jwt, 'POST', '/v1/admin/tokens', { name: 'Okta', policy: { rateLimit: { enabled: false, maxPerWindow: 5 } } })).json<TokenCreatedDto>();
    expect(await hookStatus(connector, created.tokenSecret)).toBe(200);

    const rotated = (await adminCall(connector, jwt, 'POST', `/v1/admin/tokens/${created.id}/rotate`)).json<TokenCreatedDto>();
    expect(await hookStatus(connector, created.tokenSecret)).toBe(200);
    expect(await hookStatus(connector, rotated.tokenSecret)).toBe(200);
    expect((await adminCall(connector, jwt, 'GET', `/v1/admin/tokens/${created.id}`)).json<TokenDto>().status).toBe('GRACE_PERIOD');

    clock.advance(GRACE_MS - 1000);
    expect(await hookStatus(connector, created.tokenSecret)).toBe(200);
    clock.advance(1000);
    expect(await hookStatus(connector, created.tokenSecret)).toBe(401);
    expect(await hookStatus(connector, rotated.tokenSecret)).toBe(200);

    jwt = await adminSignIn(connector); // the first session expired with the clock
    const list = (await adminCall(connector, jwt, 'GET', '/v1/admin/tokens')).json<TokenDto[]>();
    expect(list.find((t) => t.id === created.id)?.status).toBe('EXPIRED');
    expect(list.find((t) => t.id === rotated.id)?.status).toBe('ACTIVE');

    expect((await adminCall(connector, jwt, 'POST', `/v1/admin/tokens/${rotated.id}/revoke`)).json<TokenDto>().status).toBe('REVOKED');
    expect(await hookStatus(connector, rotated.tokenSecret)).toBe(401);
  });

  it('should list what the sandbox sent with masked destinations and never the code', async () => {
    const jwt = await adminSignIn(connector);
    const created = (await adminCall(connector, jwt, 'POST', '/v1/admin/tokens', { name: 'sandbox' })).json<TokenCreatedDto>();
    expect(await hookStatus(connector, created.tokenSecret, '+447400123457')).toBe(200);
    const response = await adminCall(connector, jwt, 'GET', '/v1/sandbox/messages');
    expect(response.statusCode).toBe(200);
    expect(response.json().items[0]).toMatchObject({ channel: 'sms', destination: expect.stringMatching(/^\+44•+57$/) });
    expect(response.body).not.toContain('482913');
    expect(response.body).not.toContain('7400123457');
  });

  it('should record CLI token changes in the same audit trail with actor cli', async () => {
    const output: string[] = [];
    const services = { admin: connector.app.get(AdminTokensService), tokens: connector.app.get(TokensService) };
    const cli = (flags: Record<string, string | true>, ...argv: string[]) => runTokenCommand(services, { positional: ['token', ...argv], flags: { json: true, ...flags } }, (t) => output.push(t));
    expect(await cli({ name: 'from cli' }, 'create')).toBe(0);
    const { id } = JSON.parse(output[0]) as { id: string };
    expect(await cli({}, 'rotate', id)).toBe(0);
    // Every command that names a token takes its short id as well as its id.
    const { shortId } = await services.admin.get(id);
    await expect(cli({}, 'revoke', 'ffffffff')).rejects.toThrow('TOKEN must be a token id or short id (`token list` prints both): no token has "ffffffff"');
    expect(await cli({}, 'revoke', shortId)).toBe(0);

    const audit = (await adminCall(connector, await adminSignIn(connector), 'GET', '/v1/admin/audit?limit=4')).json<Page<AuditEntryDto>>();
    expect(audit.items.slice(1).map((e) => [e.action, e.actor, e.targetId, e.clientAddress])).toEqual([
      ['token.revoked', 'cli', id, null],
      ['token.rotated', 'cli', id, null],
      ['token.created', 'cli', id, null],
    ]);
    expect(audit.items[0]).toMatchObject({ action: 'auth.sign_in', actor: `admin:${connector.config.vonage.apiKey}` });
  });
});
