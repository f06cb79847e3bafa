import type { Page, SandboxMessageDto, SpendEstimateDto, TrustedEntryDto } from '@otc/contracts';
import { DataSource } from 'typeorm';
import { runFraudCommand } from '../src/cli/fraud-commands';
import type { AlertReceiver } from './support/alert-receiver';
import { startConnectorWithAlerts } from './support/connector-with-alerts';
import { fraudCliServices } from './support/fraud-cli';
import { aroundTests } from './support/around-tests';
import { adminCall, adminGet, fraudRefusals } from './support/admin-client';
import { activityOf, isDelivery, proveCountry, send, startInstancePair, tokenWith } from './support/fraud-hook';
import { startTestConnector, TestConnector } from './support/test-app';
import { createStandaloneTestDatabase } from './support/test-database';
// The attack generator is plain JavaScript the benchmark runs without a build; the tests share it.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { burstAttack } from '../../../bench/support/fraud-traffic';

// The shipped table's GB SMS price: the first send reaches a cap below it.
const GB_SMS = 0.04;
const GB_VOICE = 0.02;
const UZ_SMS = 0.26;
const CAP = { fraudGuard: { mode: 'OFF' as const, thresholds: {} }, spend: { monthlyCap: 0.01, alertAt: null } };

async function sandboxSent(connector: TestConnector, jwt: string): Promise<number> {
  return (await adminCall(connector, jwt, 'GET', '/v1/sandbox/messages')).json<Page<SandboxMessageDto>>().items.length;
}

function spendOf(connector: TestConnector, jwt: string, query: string): Promise<SpendEstimateDto> {
  return adminGet(connector, jwt, `/v1/admin/spend${query}`);
}

describe('Monthly spend cap on the real app', () => {
  let connector: TestConnector;
  let jwt: string;
  let receiver: AlertReceiver;
  aroundTests(startConnectorWithAlerts, (started) => ({ connector, jwt, receiver } = started));

  it('should refuse the send after the cap is reached with nothing sent, answer Okta NO_DELIVERY, post one alert and show the spend through the admin API', async () => {
    const { secret, id: tokenId, shortId } = await tokenWith(connector, CAP);
    const sentBefore = await sandboxSent(connector, jwt);
    expect(isDelivery((await send(connector, secret, { phoneNumber: '+447400123401', channel: 'SMS', ipAddress: '81.2.69.160', userId: '00uSPEND1' })).body)).toBe(true);

    const refused = await send(connector, secret, { phoneNumber: '+447400123402', channel: 'SMS', ipAddress: '81.2.69.160', userId: '00uSPEND2' });
    const answer = refused.body.commands[0].value[0];
    expect(answer).toMatchObject({ status: 'SUCCESSFUL', transactionId: expect.stringMatching(/^refused-/), transactionMetadata: 'refused: SPEND_CAP_REACHED; nothing sent' });
    expect(refused.body.error).toBeUndefined();
    const row = await activityOf(connector, refused.eventId);
    expect(row).toMatchObject({ status: 'BLOCKED', reason_code: 'SPEND_CAP_REACHED', verify_request_id: null });
    expect(row.description).toMatch(/so far 0\.04 EUR, cap 0\.01 EUR/);
    expect(isDelivery((await send(connector, secret, { phoneNumber: '+447400123403', channel: 'VOICE', ipAddress: '81.2.69.160', userId: '00uSPEND3' })).body)).toBe(false);
    expect(await sandboxSent(connector, jwt)).toBe(sentBefore + 1);

    const [alert] = await receiver.waitFor(tokenId);
    expect(alert.text).toMatch(new RegExp(`^Token ${tokenId} reached its monthly spend cap: estimated spend in \\d{4}-\\d{2} is 0\\.04 EUR, cap 0\\.01 EUR\\. Its sends are refused \\(SPEND_CAP_REACHED\\)`));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await receiver.waitFor(tokenId, 0)).toHaveLength(1);

    const estimate = await spendOf(connector, jwt, `?period=24h&tokenId=${tokenId}`);
    expect(estimate).toMatchObject({ spend: GB_SMS, spendAvoided: GB_SMS + GB_VOICE, prices: { currency: 'EUR', file: null } });
    expect(estimate.lines).toEqual([
      { country: 'GB', channel: 'SMS', sent: 1, refused: 1, unitPrice: GB_SMS, spend: GB_SMS, spendAvoided: GB_SMS },
      { country: 'GB', channel: 'VOICE', sent: 0, refused: 1, unitPrice: GB_VOICE, spend: 0, spendAvoided: GB_VOICE },
    ]);
    expect(estimate.monthToDate).toMatchObject({ spend: GB_SMS, monthlyCap: 0.01, alertAt: 0.008, capReached: true });
    const overall = await spendOf(connector, jwt, '?period=7d');
    expect(overall.byToken).toEqual(expect.arrayContaining([expect.objectContaining({ tokenId, spend: GB_SMS, spendAvoided: GB_SMS + GB_VOICE, tokenShortId: expect.any(String) })]));
    expect(overall.monthToDate).toBeUndefined();

    const printed: string[] = [];
    const services = fraudCliServices(connector);
    const cli = (flags: Record<string, string | true>) => runFraudCommand(services, { positional: ['fraud', 'spend'], flags }, (t) => printed.push(t));
    expect(await cli({ token: tokenId, period: '7d', json: true })).toBe(0);
    expect(JSON.parse(printed.pop()!)).toMatchObject({ spend: GB_SMS, monthToDate: { capReached: true }, lines: estimate.lines });
    expect(await cli({ token: tokenId })).toBe(0);
    const text = printed.pop()!;
    expect(text).toMatch(/^Estimated spend over 24h \(.+\): 0\.04 EUR sent, 0\.06 EUR avoided by refusals$/m);
    expect(text).toMatch(/^Month to date \(\d{4}-\d{2}, UTC\): 0\.04 EUR; cap 0\.01 EUR, REACHED: sends are refused \(SPEND_CAP_REACHED\); alert at 0\.01 EUR$/m);
    expect(text).toMatch(/^ {2}GB {2}SMS {4}sent {6}1 {2}refused {6}1 {2}at 0\.0400/m);
    // The short id `token list` prints names the same token.
    expect(await cli({ token: shortId, period: '7d', json: true })).toBe(0);
    expect(JSON.parse(printed.pop()!)).toMatchObject({ spend: GB_SMS, monthToDate: { capReached: true }, lines: estimate.lines });
    await expect(cli({ period: '1y' })).rejects.toThrow('--period must be one of 24h, 7d, 30d');
    await expect(cli({ token: 'x; DROP' })).rejects.toThrow('--token must be a token id or short id');
    await expect(cli({ token: 'ffffffff' })).rejects.toThrow('--token must be a token id or short id (`token list` prints both): no token has "ffffffff"');
  });

  it('should name the bad field of a spend query, and of a spend policy', async () => {
    const badPeriod = await adminCall(connector, jwt, 'GET', '/v1/admin/spend?period=1y');
    expect(badPeriod.statusCode).toBe(400);
    expect(badPeriod.json().fields).toEqual([expect.objectContaining({ field: 'period' })]);
    const badToken = await adminCall(connector, jwt, 'GET', '/v1/admin/spend?tokenId=42');
    expect(badToken.statusCode).toBe(400);
    expect(badToken.json().fields).toEqual([expect.objectContaining({ field: 'tokenId' })]);
    const badPolicy = await adminCall(connector, jwt, 'POST', '/v1/admin/tokens', { name: 'capped', policy: { spend: { monthlyCap: -5 } } });
    expect(badPolicy.statusCode).toBe(400);
    expect(badPolicy.json().fields).toEqual([expect.objectContaining({ field: 'spend.monthlyCap' })]);
  });

  it("should show on each refusal what the requests it stopped would have cost, at the scope's country price", async () => {
    const { secret, id: tokenId } = await tokenWith(connector);
    await proveCountry(connector, secret, '+998935550031');
    for (const request of burstAttack({ count: 14, block: '+998901260' })) await send(connector, secret, request);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const [refusal] = await fraudRefusals(connector, jwt, `?tokenId=${tokenId}`);
    expect(refusal.requestsStopped).toBeGreaterThan(0);
    expect(refusal.estimatedSpendAvoided).toEqual({ amount: Math.round(refusal.requestsStopped * UZ_SMS * 10_000) / 10_000, currency: 'EUR' });
    const estimate = await spendOf(connector, jwt, `?tokenId=${tokenId}`);
    expect(estimate.lines.find((l) => l.country === 'UZ')).toMatchObject({ unitPrice: UZ_SMS, refused: expect.any(Number) });
    expect(estimate.spendAvoided).toBeGreaterThan(0);
  });

  it('should roll a lift or a trust back when its audit entry cannot be written', async () => {
    const { secret, id: tokenId } = await tokenWith(connector);
    await proveCountry(connector, secret, '+998935550032');
    const burst = burstAttack({ count: 14, block: '+998901261' });
    for (const request of burst.slice(0, 10)) await send(connector, secret, request);
    const [active] = await fraudRefusals(connector, jwt, `?tokenId=${tokenId}`);
    expect(active).toMatchObject({ scopeKind: 'BLOCK', liftedAt: null });

    const database = connector.app.get(DataSource);
    await database.query(`ALTER TABLE admin_audit ADD CONSTRAINT ck_test_refuse_fraud_audit CHECK (action NOT IN ('fraud.refusal_lifted', 'fraud.trusted'))`);
    try {
      expect((await adminCall(connector, jwt, 'POST', `/v1/admin/fraud/refusals/${active.id}/lift`, { comment: 'audit is down' })).statusCode).toBe(500);
      const trusted = await adminCall(connector, jwt, 'POST', '/v1/admin/fraud/trusted', { kind: 'BLOCK', value: '+99890126', tokenId, comment: 'audit is down', expiresInDays: 1 });
      expect(trusted.statusCode).toBe(500);
    } finally {
      await database.query('ALTER TABLE admin_audit DROP CONSTRAINT ck_test_refuse_fraud_audit');
    }
    const [still] = await fraudRefusals(connector, jwt, `?tokenId=${tokenId}`);
    expect(still).toMatchObject({ id: active.id, liftedAt: null });
    expect(isDelivery((await send(connector, secret, burst[11])).body)).toBe(false);
    const list = (await adminCall(connector, jwt, 'GET', '/v1/admin/fraud/trusted')).json<TrustedEntryDto[]>();
    expect(list.filter((e) => e.comment === 'audit is down')).toEqual([]);
  });
});

describe('Monthly spend cap across restarts and instances', () => {
  it('should keep refusing after a restart: the month so far is read back from the records', async () => {
    const database = await createStandaloneTestDatabase();
    try {
      const first = await startTestConnector({ database });
      const { secret } = await tokenWith(first, CAP);
      expect(isDelivery((await send(first, secret, { phoneNumber: '+447400123411', channel: 'SMS', ipAddress: '81.2.69.160', userId: '00uSPEND11' })).body)).toBe(true);
      await first.stop();

      const second = await startTestConnector({ database });
      try {
        const { body, eventId } = await send(second, secret, { phoneNumber: '+447400123412', channel: 'SMS', ipAddress: '81.2.69.160', userId: '00uSPEND12' });
        expect(isDelivery(body)).toBe(false);
        expect((await activityOf(second, eventId)).reason_code).toBe('SPEND_CAP_REACHED');
      } finally {
        await second.stop();
      }
    } finally {
      await database.drop();
    }
  });

  it('should refuse on one instance once a send through the other reached the cap', async () => {
    const pair = await startInstancePair();
    try {
      const { secret } = await tokenWith(pair.a, { ...CAP, spend: { monthlyCap: 0.05, alertAt: null } });
      // b counts the first send itself: only a counter shared with a tells it about the second.
      expect(isDelivery((await send(pair.b, secret, { phoneNumber: '+447400123421', channel: 'SMS', ipAddress: '81.2.69.160', userId: '00uSPEND21' })).body)).toBe(true);
      expect(isDelivery((await send(pair.a, secret, { phoneNumber: '+447400123422', channel: 'SMS', ipAddress: '81.2.69.160', userId: '00uSPEND22' })).body)).toBe(true);
      const { body, eventId } = await send(pair.b, secret, { phoneNumber: '+447400123423', channel: 'SMS', ipAddress: '81.2.69.160', userId: '00uSPEND23' });
      expect(isDelivery(body)).toBe(false);
      expect((await activityOf(pair.b, eventId)).reason_code).toBe('SPEND_CAP_REACHED');
    } finally {
      await pair.stop();
    }
  });
});
