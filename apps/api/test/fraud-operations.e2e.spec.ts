import type { AuditEntryDto, ConversionByPlaceDto, FraudRefusalDto, Page, ShadowFindingDto, TrustedEntryDto } from '@otc/contracts';
import { DataSource } from 'typeorm';
import { runFraudCommand } from '../src/cli/fraud-commands';
// The attack generator is plain JavaScript the benchmark runs without a build; the tests share it.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { burstAttack, TrafficRequest } from '../../../bench/support/fraud-traffic';
import { aroundTests } from './support/around-tests';
import { adminCall, adminSignIn, fraudRefusals } from './support/admin-client';
import { AlertReceiver } from './support/alert-receiver';
import { alertsTo, startConnectorWithAlerts } from './support/connector-with-alerts';
import { fraudCliServices } from './support/fraud-cli';
import { activityOf, isDelivery, proveCountry, send, startInstancePair, tokenWith } from './support/fraud-hook';
import { startTestConnector, TestConnector } from './support/test-app';
import { createStandaloneTestDatabase, TestDatabase } from './support/test-database';

/** Sends the burst until the guard refuses one; returns the requests it has not sent yet. */
async function attackUntilRefused(connector: TestConnector, secret: string, burst: TrafficRequest[]): Promise<TrafficRequest[]> {
  for (const [i, request] of burst.entries()) {
    if (!isDelivery((await send(connector, secret, request)).body)) return burst.slice(i + 1);
  }
  throw new Error('the burst was never refused');
}

async function waitForAudit(connector: TestConnector, jwt: string, action: string, detail: RegExp): Promise<AuditEntryDto> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const audit = (await adminCall(connector, jwt, 'GET', '/v1/admin/audit?limit=200')).json<Page<AuditEntryDto>>();
    const entry = audit.items.find((e) => e.action === action && detail.test(e.detail ?? ''));
    if (entry) return entry;
    if (Date.now() > deadline) throw new Error(`no ${action} audit entry matching ${detail}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('Fraud operations on the real app: see, explain and lift refusals', () => {
  let connector: TestConnector;
  let jwt: string;
  let receiver: AlertReceiver;
  aroundTests(startConnectorWithAlerts, (started) => ({ connector, jwt, receiver } = started));

  it('should list the refusal an attack opened, lift it with a comment, deliver the next request and audit the lift', async () => {
    const { secret, id: tokenId } = await tokenWith(connector);
    await proveCountry(connector, secret, '+998935550011');
    const rest = await attackUntilRefused(connector, secret, burstAttack({ count: 30, block: '+998901250' }));
    expect(isDelivery((await send(connector, secret, rest[0])).body)).toBe(false);

    const [active] = await fraudRefusals(connector, jwt, `?tokenId=${tokenId}`);
    expect(active).toMatchObject({ tokenId, scopeKind: 'BLOCK', scopeLabel: '+9989012500xx', reasonCode: 'FRAUD_BLOCK_VELOCITY', level: 1, liftedAt: null });

    // One Slack-shaped alert for the opening, however many requests the refusal went on to stop.
    const [alert] = await receiver.waitFor('+9989012500xx');
    expect(alert).toEqual({ text: expect.stringMatching(/^Fraud guard is refusing \+9989012500xx \(FRAUD_BLOCK_VELOCITY\) on token .+ until .+: .+ Lift or trust it at http:\/\/127\.0\.0\.1:\d+\/fraud$/) });
    for (const request of rest.slice(2, 6)) await send(connector, secret, request);
    await waitForAudit(connector, jwt, 'alert.posted', /refusing \+9989012500xx/);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await receiver.waitFor('+9989012500xx', 0)).toHaveLength(1);
    const posted = JSON.stringify(receiver.bodies);
    for (const request of rest) expect(posted).not.toContain(request.phoneNumber.slice(1));
    expect(active.evidence).toMatch(/distinct numbers in \+9989012500xx/);

    const noComment = await adminCall(connector, jwt, 'POST', `/v1/admin/fraud/refusals/${active.id}/lift`, { comment: '   ' });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().fields).toEqual([expect.objectContaining({ field: 'comment' })]);
    const badId = await adminCall(connector, jwt, 'POST', '/v1/admin/fraud/refusals/not-a-uuid/lift', { comment: 'x' });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().fields).toEqual([expect.objectContaining({ field: 'id' })]);

    const lifted = await adminCall(connector, jwt, 'POST', `/v1/admin/fraud/refusals/${active.id}/lift`, { comment: 'QA team testing a new range' });
    expect(lifted.statusCode).toBe(200);
    expect(lifted.json()).toMatchObject({ id: active.id, liftedAt: expect.any(String) });

    expect(isDelivery((await send(connector, secret, rest[1])).body)).toBe(true);
    expect(await fraudRefusals(connector, jwt, `?tokenId=${tokenId}`)).toEqual([]);
    const [recent] = await fraudRefusals(connector, jwt, `?view=recent&tokenId=${tokenId}`);
    expect(recent).toMatchObject({ id: active.id, liftedAt: expect.any(String) });
    expect((await adminCall(connector, jwt, 'POST', `/v1/admin/fraud/refusals/${active.id}/lift`, { comment: 'again' })).statusCode).toBe(404);

    const audit = (await adminCall(connector, jwt, 'GET', '/v1/admin/audit')).json<Page<AuditEntryDto>>();
    const entry = audit.items.find((e) => e.action === 'fraud.refusal_lifted' && e.targetId === active.id);
    expect(entry?.detail).toMatch(/^lifted \+9989012500xx \(FRAUD_BLOCK_VELOCITY, level 1, token .+\): QA team testing a new range$/);
    expect(entry?.actor).toMatch(/^admin:/);
  });

  it('should deliver a trusted number during an active block, keep refusing the rest, and audit the list', async () => {
    const { secret, id: tokenId } = await tokenWith(connector);
    await proveCountry(connector, secret, '+998935550014');
    const rest = await attackUntilRefused(connector, secret, burstAttack({ count: 30, block: '+998901253' }));
    const trusted = rest[1];

    const invalid = await adminCall(connector, jwt, 'POST', '/v1/admin/fraud/trusted', { kind: 'PHONE', value: trusted.phoneNumber, comment: 'x', expiresInDays: 0 });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().fields.map((f: { field: string }) => f.field).sort()).toEqual(['expiresInDays', 'kind']);
    const notANumber = await adminCall(connector, jwt, 'POST', '/v1/admin/fraud/trusted', { kind: 'NUMBER', value: '+1 555', comment: 'x', expiresInDays: 1 });
    expect(notANumber.statusCode).toBe(400);
    expect(notANumber.json().fields).toEqual([expect.objectContaining({ field: 'value' })]);

    const added = await adminCall(connector, jwt, 'POST', '/v1/admin/fraud/trusted', { kind: 'NUMBER', value: trusted.phoneNumber, tokenId, comment: 'field engineer', expiresInDays: 7 });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ kind: 'NUMBER', tokenId, comment: 'field engineer', createdBy: expect.stringMatching(/^admin:/) });
    expect(added.body).not.toContain(trusted.phoneNumber.slice(1));

    const { body, eventId } = await send(connector, secret, trusted);
    expect(isDelivery(body)).toBe(true);
    expect((await activityOf(connector, eventId)).flags).toEqual([expect.objectContaining({ code: 'GUARD_TRUSTED', detail: expect.stringMatching(/ is trusted until .+ \(field engineer\); \+9989012530xx would be refused$/) })]);
    expect(isDelivery((await send(connector, secret, rest[2])).body)).toBe(false);

    const listed = (await adminCall(connector, jwt, 'GET', '/v1/admin/fraud/trusted')).json();
    expect(listed).toEqual(expect.arrayContaining([expect.objectContaining({ id: added.json().id, label: expect.stringMatching(/^\+998•+\d\d$/) })]));
    expect((await adminCall(connector, jwt, 'DELETE', `/v1/admin/fraud/trusted/${added.json().id}`)).statusCode).toBe(204);
    expect((await adminCall(connector, jwt, 'DELETE', `/v1/admin/fraud/trusted/${added.json().id}`)).statusCode).toBe(404);

    const audit = (await adminCall(connector, jwt, 'GET', '/v1/admin/audit')).json<Page<AuditEntryDto>>();
    expect(audit.items.filter((e) => e.targetId === added.json().id).map((e) => e.action)).toEqual(['fraud.untrusted', 'fraud.trusted']);
  });

  it("should trust a refused block from its refusal's row, for that token", async () => {
    const { secret, id: tokenId } = await tokenWith(connector);
    await proveCountry(connector, secret, '+998935550015');
    const rest = await attackUntilRefused(connector, secret, burstAttack({ count: 30, block: '+998901254' }));
    const [active] = await fraudRefusals(connector, jwt, `?tokenId=${tokenId}`);
    const trusted = await adminCall(connector, jwt, 'POST', `/v1/admin/fraud/refusals/${active.id}/trust`, { comment: 'our office range', expiresInDays: 30 });
    expect(trusted.statusCode).toBe(201);
    expect(trusted.json()).toMatchObject({ kind: 'BLOCK', label: '+9989012540…', tokenId });
    for (const request of rest.slice(0, 5)) expect(isDelivery((await send(connector, secret, request)).body)).toBe(true);
  });

  it('should list, lift and trust from the CLI with the same checks, audited with actor cli', async () => {
    const { secret, id: tokenId } = await tokenWith(connector);
    await proveCountry(connector, secret, '+998935550017');
    const rest = await attackUntilRefused(connector, secret, burstAttack({ count: 30, block: '+998901256' }));
    const printed: string[] = [];
    const services = fraudCliServices(connector);
    const cli = (flags: Record<string, string | true>, ...positional: string[]) => runFraudCommand(services, { positional: ['fraud', ...positional], flags }, (t) => printed.push(t));

    expect(await cli({ json: true, token: tokenId }, 'refusals')).toBe(0);
    const [active] = JSON.parse(printed.pop()!) as FraudRefusalDto[];
    expect(active).toMatchObject({ scopeLabel: '+9989012560xx', reasonCode: 'FRAUD_BLOCK_VELOCITY' });
    await expect(cli({}, 'lift', active.id)).rejects.toThrow('comment is required');
    await expect(cli({ kind: 'phone', value: '+1', comment: 'x' }, 'trust')).rejects.toThrow(/kind must be one of NUMBER, BLOCK, USER/);

    expect(await cli({ comment: 'from the on-call runbook' }, 'lift', active.id)).toBe(0);
    expect(printed.pop()).toBe('Lifted +9989012560xx (FRAUD_BLOCK_VELOCITY); every instance delivers to it again within a second.');
    expect(isDelivery((await send(connector, secret, rest[0])).body)).toBe(true);
    expect(await cli({ kind: 'block', value: '+99890125', comment: 'lab range', days: '2', json: true }, 'trust')).toBe(0);
    const entry = JSON.parse(printed.pop()!) as TrustedEntryDto;
    expect(entry).toMatchObject({ kind: 'BLOCK', label: '+99890125…', tokenId: null, createdBy: 'cli' });
    expect(await cli({}, 'untrust', entry.id)).toBe(0);

    const audit = (await adminCall(connector, jwt, 'GET', '/v1/admin/audit')).json<Page<AuditEntryDto>>();
    expect(audit.items.filter((e) => e.actor === 'cli' && [active.id, entry.id].includes(e.targetId ?? '')).map((e) => e.action)).toEqual(['fraud.untrusted', 'fraud.trusted', 'fraud.refusal_lifted']);
  });

  it('should name the field of a bad query and require an admin session', async () => {
    const badView = await adminCall(connector, jwt, 'GET', '/v1/admin/fraud/refusals?view=someday');
    expect(badView.statusCode).toBe(400);
    expect(badView.json().fields).toEqual([expect.objectContaining({ field: 'view' })]);
    const badToken = await adminCall(connector, jwt, 'GET', '/v1/admin/fraud/shadow?tokenId=42');
    expect(badToken.statusCode).toBe(400);
    expect(badToken.json().fields).toEqual([expect.objectContaining({ field: 'tokenId' })]);
    const badPeriod = await adminCall(connector, jwt, 'GET', '/v1/admin/fraud/conversion?period=1y&tokenId=42');
    expect(badPeriod.statusCode).toBe(400);
    expect(badPeriod.json().fields.map((f: { field: string }) => f.field).sort()).toEqual(['period', 'tokenId']);
    const unknownToken = await adminCall(connector, jwt, 'GET', '/v1/admin/fraud/conversion?tokenId=7f1c2d3e-0000-4000-8000-000000000099');
    expect(unknownToken.statusCode).toBe(404);
    expect((await connector.app.inject({ method: 'GET', url: '/v1/admin/fraud/refusals' })).statusCode).toBe(401);
    expect((await connector.app.inject({ method: 'GET', url: '/v1/admin/fraud/conversion' })).statusCode).toBe(401);
  });

  it('should page the refusals newest first, each once, in pages of the size asked for, the history holding 30 days', async () => {
    const { id: tokenId } = await tokenWith(connector);
    const now = Date.now();
    // Seven scopes: three opened in the same microsecond (the id breaks the tie), one ended 31 days ago, two in force.
    const refusals = [
      { key: '+4477009001', since: new Date(now - 3_600_000).toISOString().replace('Z', '123Z'), until: now + 600_000 },
      { key: '+4477009002', since: '2026-01-01T00:00:00.000001Z', until: now - 5 * 86_400_000 },
      { key: '+4477009003', since: '2026-01-01T00:00:00.000001Z', until: now - 5 * 86_400_000 },
      { key: '+4477009004', since: '2026-01-01T00:00:00.000001Z', until: now - 5 * 86_400_000 },
      { key: '+4477009005', since: new Date(now - 2 * 86_400_000).toISOString(), until: now - 86_400_000 },
      { key: '+4477009006', since: new Date(now - 40 * 86_400_000).toISOString(), until: now - 31 * 86_400_000 },
      { key: '+4477009007', since: new Date(now - 60_000).toISOString(), until: now + 600_000 },
    ];
    for (const r of refusals) {
      await connector.app.get(DataSource).query(
        `INSERT INTO fraud_refusal (token_id, scope_kind, scope_key, scope_label, reason_code, evidence, level, since, until, requests_stopped)
         VALUES ($1, 'BLOCK', $2, $2, 'FRAUD_BLOCK_VELOCITY', 'paging', 1, $3, $4, 0)`,
        [tokenId, r.key, r.since, new Date(r.until)],
      );
    }
    const pages = async (view: string) => {
      const seen: Page<FraudRefusalDto>[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<FraudRefusalDto> = (await adminCall(connector, jwt, 'GET', `/v1/admin/fraud/refusals?view=${view}&tokenId=${tokenId}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json<Page<FraudRefusalDto>>();
        seen.push(page);
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    };
    const recent = await pages('RECENT');
    expect(recent.map((p) => p.items.length)).toEqual([2, 2, 2]);
    const labels = recent.flatMap((p) => p.items.map((r) => r.scopeLabel));
    expect(labels.slice(0, 3)).toEqual(['+4477009007', '+4477009001', '+4477009005']);
    expect(labels.slice(3).sort()).toEqual(['+4477009002', '+4477009003', '+4477009004']);
    expect((await pages('ACTIVE')).flatMap((p) => p.items.map((r) => r.scopeLabel))).toEqual(['+4477009007', '+4477009001']);
    // The default page holds 50, and a cursor this API did not issue is refused by name.
    const all = (await adminCall(connector, jwt, 'GET', `/v1/admin/fraud/refusals?view=RECENT&tokenId=${tokenId}`)).json<Page<FraudRefusalDto>>();
    expect(all).toEqual({ items: recent.flatMap((p) => p.items), nextCursor: null });
    const bad = await adminCall(connector, jwt, 'GET', '/v1/admin/fraud/refusals?cursor=bm90LWEtY3Vyc29y&limit=500');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields.map((f: { field: string }) => f.field).sort()).toEqual(['cursor', 'limit']);
  });

  it("should report conversion by place from real sends and sign-ins, with the guard's baseline, over HTTP and from the CLI", async () => {
    const { secret, id: tokenId, shortId } = await tokenWith(connector);
    // Two British enrollments whose codes come back through Okta's event hook: GB is proven for the token.
    await proveCountry(connector, secret, '+447400123401');
    await proveCountry(connector, secret, '+447400123402');
    // A British verification nobody completes, and three Uzbek enrollments (three prefixes) nobody completes.
    const unused: TrafficRequest[] = [
      { phoneNumber: '+447400123403', channel: 'SMS', ipAddress: '81.2.69.160', userId: '00uPLACE1', requestType: 'com.okta.user.telephony.mfa-verification' },
      ...['+998901230001', '+998911230002', '+998931230003'].map((phoneNumber, i) => ({ phoneNumber, channel: 'SMS' as const, ipAddress: '81.2.69.161', userId: `00uPLACEUZ${i}` })),
    ];
    for (const request of unused) expect(isDelivery((await send(connector, secret, request)).body)).toBe(true);

    const response = await adminCall(connector, jwt, 'GET', `/v1/admin/fraud/conversion?period=24h&tokenId=${tokenId}`);
    expect(response.statusCode).toBe(200);
    const report = response.json<ConversionByPlaceDto>();
    expect(report.total).toEqual({ attempts: 6, sent: 6, converted: 2, rate: 2 / 6 });
    expect(report.byCountry.map((c) => [c.country, c.attempts, c.sent, c.converted])).toEqual([
      ['UZ', 3, 3, 0],
      ['GB', 3, 3, 2],
    ]);
    expect(report.byCountry[0].baselines).toEqual([
      { tokenId, mode: 'ENFORCE', proven: false, lastConvertedAt: null, floors: expect.objectContaining({ newNumbersPerCountry: 6, newNumbersPerPrefix: 2 }) },
    ]);
    expect(report.byCountry[1].baselines).toEqual([
      { tokenId, mode: 'ENFORCE', proven: true, lastConvertedAt: expect.any(String), floors: expect.objectContaining({ perCountry: 25, newNumbersPerCountry: null }) },
    ]);
    expect(report.byChannel).toEqual([
      { channel: 'SMS', attempts: 6, sent: 6, converted: 2, rate: 2 / 6 },
      { channel: 'VOICE', attempts: 0, sent: 0, converted: 0, rate: null },
    ]);
    expect(report.byRequestKind).toEqual([
      { requestKind: 'ENROLLMENT', attempts: 5, sent: 5, converted: 2, rate: 0.4 },
      { requestKind: 'VERIFICATION', attempts: 1, sent: 1, converted: 0, rate: 0 },
    ]);
    expect(JSON.stringify(report)).not.toMatch(/4474001234|99890123/);

    const printed: string[] = [];
    const services = fraudCliServices(connector);
    const cli = (flags: Record<string, string | true>) => runFraudCommand(services, { positional: ['fraud', 'conversion'], flags }, (t) => printed.push(t));
    expect(await cli({ token: tokenId, period: '24h', json: true })).toBe(0);
    expect({ ...JSON.parse(printed.pop()!), period: null }).toEqual({ ...report, period: null });
    expect(await cli({ token: tokenId, period: '24h' })).toBe(0);
    const text = printed.pop()!;
    expect(text).toMatch(/^UZ +3 +3 +0 +0\.0%$/m);
    expect(text).toMatch(/^GB +3 +3 +2 +66\.7%$/m);
    expect(text).toContain(`token ${tokenId}: guard ENFORCE; never converted in (unproven); no conversion in 90 days; floors per 10 min: 25/country, 10/prefix; new numbers 6/country, 2/prefix`);
    // The short id `token list` prints names the same token, as it does for `fraud spend` and the token commands.
    expect(await cli({ token: shortId, period: '24h', json: true })).toBe(0);
    expect({ ...JSON.parse(printed.pop()!), period: null }).toEqual({ ...report, period: null });
    await expect(cli({ period: '1y' })).rejects.toThrow('period must be one of the following values: 24h, 7d, 30d');
    await expect(cli({ token: 'abc' })).rejects.toThrow('--token must be a token id or short id (`token list` prints both): no token has "abc"');
    await expect(cli({ token: '7f1c2d3e-0000-4000-8000-000000000099' })).rejects.toThrow('no token has "7f1c2d3e-0000-4000-8000-000000000099"');
  });

  it('should show in SHADOW mode what the guard would have refused, masked', async () => {
    const { secret, id: tokenId } = await tokenWith(connector, { fraudGuard: { mode: 'SHADOW', thresholds: {} } });
    await proveCountry(connector, secret, '+998935550012');
    const burst = burstAttack({ count: 12, block: '+998901251' });
    for (const request of burst) expect(isDelivery((await send(connector, secret, request)).body)).toBe(true);

    const response = await adminCall(connector, jwt, 'GET', `/v1/admin/fraud/shadow?tokenId=${tokenId}`);
    expect(response.statusCode).toBe(200);
    const findings = response.json<ShadowFindingDto[]>();
    expect(findings.length).toBeGreaterThan(0);
    expect(findings[0]).toMatchObject({ tokenId, reasonCode: 'FRAUD_BLOCK_VELOCITY', channel: 'SMS', finding: expect.stringMatching(/^would refuse \+9989012510xx: /) });
    expect(JSON.stringify(findings)).not.toMatch(/99890125100\d/);
    expect(await fraudRefusals(connector, jwt, `?tokenId=${tokenId}`)).toEqual([]);
  });
});

describe('Lifting a refusal on one instance, with two on one PostgreSQL and Redis', () => {
  let a: TestConnector;
  let b: TestConnector;
  aroundTests(startInstancePair, (pair) => ({ a, b } = pair));

  it('should stop refusing on the other instance within a second', async () => {
    const { secret, id: tokenId } = await tokenWith(a);
    await proveCountry(a, secret, '+998935550013');
    const rest = await attackUntilRefused(a, secret, burstAttack({ count: 30, block: '+998901252' }));
    // B holds the refusal in its cache.
    expect(isDelivery((await send(b, secret, rest[0])).body)).toBe(false);

    const jwt = await adminSignIn(a);
    const [active] = await fraudRefusals(a, jwt, `?tokenId=${tokenId}`);
    expect((await adminCall(a, jwt, 'POST', `/v1/admin/fraud/refusals/${active.id}/lift`, { comment: 'false alarm' })).statusCode).toBe(200);
    // The documented bound: a refusal B cached more than a second ago is confirmed before it refuses.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(isDelivery((await send(b, secret, rest[1])).body)).toBe(true);
  });
});

describe('Fraud alerts survive a restart and a failing webhook', () => {
  let database: TestDatabase;
  const receiver = new AlertReceiver();

  beforeAll(async () => {
    database = await createStandaloneTestDatabase();
  });

  afterAll(async () => {
    await receiver.stop();
    await database?.drop();
  });

  it('should post an alert recorded before a restart once the webhook answers, in the json format, with backoff', async () => {
    const url = await receiver.start();
    receiver.failNext = 1;
    const first = await startTestConnector({ database, env: alertsTo(url, 'json') });
    let second: TestConnector | null = null;
    try {
      const { secret } = await tokenWith(first);
      await proveCountry(first, secret, '+998935550016');
      await attackUntilRefused(first, secret, burstAttack({ count: 30, block: '+998901255' }));
      // The first attempt is answered 500; the next waits out its backoff, by then on another instance.
      const deadline = Date.now() + 20_000;
      while (receiver.failNext > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(receiver.failNext).toBe(0);
      await first.stop();
      second = await startTestConnector({ database, env: alertsTo(url, 'json') });
      const [alert] = await receiver.waitFor('+9989012550xx', 30_000);
      expect(alert).toMatchObject({ id: expect.any(String), kind: 'REFUSAL_OPENED', scopeKind: 'BLOCK', scopeLabel: '+9989012550xx', reasonCode: 'FRAUD_BLOCK_VELOCITY', text: expect.stringContaining('+9989012550xx') });
      const jwt = await adminSignIn(second);
      expect((await waitForAudit(second, jwt, 'alert.posted', /refusing \+9989012550xx/)).actor).toBe('system');
      expect(receiver.bodies.filter((b) => b.scopeLabel === '+9989012550xx')).toHaveLength(1);
    } finally {
      await second?.stop();
    }
  });
});
