import { DataSource } from 'typeorm';
import type { Json } from '@otc/e2e-support';
import { aroundTests } from './support/around-tests';
import { FakeClock } from './support/fake-clock';
import { activityOf, isDelivery, proveCountry, send, startInstancePair, tokenWith } from './support/fraud-hook';
import { startTestConnector, TestConnector } from './support/test-app';
// The attack generator is plain JavaScript the benchmark runs without a build; the tests share it.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { burstAttack, legitimateSignIns, TrafficRequest } from '../../../bench/support/fraud-traffic';

describe('Fraud guard on the real app, against the Vonage simulator', () => {
  let connector: TestConnector;
  const clock = new FakeClock();

  beforeAll(async () => {
    connector = await startTestConnector({ clock });
  });

  afterAll(async () => {
    await connector?.stop();
  });

  beforeEach(() => {
    connector.simulator!.reset();
    // Each test has its own token; a test that moved the clock on does not move the next one.
    clock.set(new Date());
  });

  const sentTo = (request: TrafficRequest) => connector.simulator!.messages.filter((m) => m.to === request.phoneNumber.slice(1)).length;

  it('should refuse a burst within 20 sends, answer SUCCESSFUL with nothing sent, and deliver to the block again after the refusal expires', async () => {
    const { secret } = await tokenWith(connector);
    await proveCountry(connector, secret, '+998935550001', clock.now());
    connector.simulator!.reset();
    const burst = burstAttack({ count: 40, block: '+998901237' });
    const answers = [];
    for (const request of burst) answers.push(await send(connector, secret, request));

    expect(connector.simulator!.messages.length).toBeLessThanOrEqual(20);
    const refused = answers.filter((a) => !isDelivery(a.body));
    expect(refused.length).toBeGreaterThanOrEqual(20);
    const last = answers[answers.length - 1];
    expect(last.body.commands[0].value[0]).toMatchObject({ status: 'SUCCESSFUL', transactionMetadata: expect.stringMatching(/^refused: FRAUD_BLOCK_VELOCITY; nothing sent$/) });
    expect(last.body.error).toBeUndefined();
    expect(sentTo(burst[39])).toBe(0);

    const row = await activityOf(connector, last.eventId);
    expect(row).toMatchObject({ status: 'BLOCKED', reason_code: 'FRAUD_BLOCK_VELOCITY', verify_request_id: null });
    expect(row.flags[0].detail).toMatch(/^\+9989012370xx refused until .+: \d+ unconverted distinct numbers in \+9989012370xx in \d+ min, none converted/);
    expect(row.description).toMatch(/^Fraud guard: .+ \(\+9989012370xx refused until /);
    expect(JSON.stringify(row)).not.toContain('998901237039');

    clock.advance(16 * 60_000);
    const after = await send(connector, secret, { ...burst[0], phoneNumber: '+998901237500' });
    expect(isDelivery(after.body)).toBe(true);
  });

  it('should deliver to a real user in another country while a burst is being refused', async () => {
    const { secret } = await tokenWith(connector);
    await proveCountry(connector, secret, '+998935550002', clock.now());
    const burst = burstAttack({ count: 30, block: '+998901238' });
    for (const request of burst.slice(0, 15)) await send(connector, secret, request);
    const [real] = legitimateSignIns({ count: 1, seed: 42 });
    const answer = await send(connector, secret, real);
    for (const request of burst.slice(15)) await send(connector, secret, request);

    expect(isDelivery(answer.body)).toBe(true);
    expect(sentTo(real)).toBe(1);
    expect(await activityOf(connector, answer.eventId)).toMatchObject({ status: 'SUCCESS', reason_code: 'DELIVERED' });
  });

  it('should record in SHADOW what it would refuse, deliver everything, and open no refusal', async () => {
    const { secret, id } = await tokenWith(connector, { fraudGuard: { mode: 'SHADOW', thresholds: {} } });
    const burst = burstAttack({ count: 12, block: '+998901239' });
    const answers = [];
    for (const request of burst) answers.push(await send(connector, secret, request));

    expect(answers.every((a) => isDelivery(a.body))).toBe(true);
    expect(connector.simulator!.messages).toHaveLength(12);
    const row = await activityOf(connector, answers[11].eventId);
    expect(row.status).toBe('SUCCESS');
    expect(row.flags).toEqual([{ code: 'FRAUD_BLOCK_VELOCITY', detail: expect.stringMatching(/^SHADOW \(delivered\): would refuse \+9989012390xx: /) }]);
    expect(await connector.app.get(DataSource).query('SELECT id FROM fraud_refusal WHERE token_id = $1', [id])).toEqual([]);
  });

  it('should answer an error object under LET_OKTA_RETRY, so that Okta sends the code itself', async () => {
    const { secret } = await tokenWith(connector, { refusalAnswer: 'LET_OKTA_RETRY' });
    const burst = burstAttack({ count: 10, block: '+998901240' });
    let last: Json = {};
    for (const request of burst) last = (await send(connector, secret, request)).body;

    expect(last.commands).toBeUndefined();
    expect(last.error).toMatchObject({
      errorSummary: 'Codes cannot be sent to this phone number right now. Try again later.',
      errorCauses: [expect.objectContaining({ reason: expect.stringMatching(/^FRAUD_/) })],
    });
  });

  it('should never deliver outside the country allowlist, whatever onFlag says, and answer per refusalAnswer', async () => {
    const { secret } = await tokenWith(connector, { countryAllowlist: ['GB'], onFlag: 'LOG_ONLY' });
    for (const phoneNumber of ['+33612345678', '+2348031234567', '+882161234567', '+8816212345678']) {
      const { body, eventId } = await send(connector, secret, { phoneNumber, channel: 'SMS', ipAddress: '81.2.69.160', userId: '00uALLOW' });
      expect(body.commands[0].value[0].transactionMetadata).toMatch(/^refused: (COUNTRY_NOT_ALLOWED|NON_GEOGRAPHIC_NUMBER); nothing sent$/);
      expect((await activityOf(connector, eventId)).status).toBe('BLOCKED');
    }
    expect(connector.simulator!.messages).toHaveLength(0);
  });
});

describe('Fraud guard state shared by two instances on one PostgreSQL and Redis', () => {
  let a: TestConnector;
  let b: TestConnector;
  aroundTests(startInstancePair, (pair) => ({ a, b } = pair));

  it('should count a burst spread over both instances as one, and refuse it on both', async () => {
    const { secret } = await tokenWith(a);
    await proveCountry(b, secret, '+998935550003');
    a.simulator!.reset();
    b.simulator!.reset();
    const burst = burstAttack({ count: 20, block: '+998901241' });
    const answers = [];
    for (const [i, request] of burst.entries()) answers.push((await send(i % 2 === 0 ? a : b, secret, request)).body);

    // The 5th number of one 100-number block is refused: A had seen 3 of them and B 2, so only
    // counters both instances share can tell.
    expect(answers.findIndex((body) => !isDelivery(body))).toBe(4);
    expect(a.simulator!.messages.length + b.simulator!.messages.length).toBe(4);
    expect(answers.slice(4).every((body) => !isDelivery(body))).toBe(true);
    const refusals = await a.app.get(DataSource).query('SELECT scope_kind, scope_label, reason_code FROM fraud_refusal');
    expect(refusals).toEqual([{ scope_kind: 'BLOCK', scope_label: '+9989012410xx', reason_code: 'FRAUD_BLOCK_VELOCITY' }]);
  });
});
