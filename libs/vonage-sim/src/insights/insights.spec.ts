import { createVonageSimulator, type VonageSimulator } from '../index';
import { basicFor, bearerFor, generateTestKeyPair, TEST_APPLICATION_ID } from '../testing/sdk-client.fixture';

const ALL = { format: {}, original_carrier: {}, current_carrier: {}, sim_swap: { period: 240 } };
interface Insight {
  status: { code: string; message: string };
  [field: string]: unknown;
}
interface Json {
  insights: Record<string, Insight>;
  [field: string]: unknown;
}

describe('Identity Insights', () => {
  const keys = generateTestKeyPair();
  let sim: VonageSimulator;
  let url: string;
  beforeAll(async () => {
    sim = createVonageSimulator({ applicationId: TEST_APPLICATION_ID, publicKey: keys.publicKey });
    url = await sim.listen();
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.reset());

  const lookup = async (body: unknown, authorization = bearerFor(keys), signal?: AbortSignal) => {
    const res = await fetch(`${url}/identity-insights/v1/requests`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      signal,
    });
    return { status: res.status, body: (await res.json()) as Json };
  };

  it('should answer only the requested insights, each with its own status', async () => {
    const { status, body } = await lookup({ phone_number: '14040000000', insights: { format: {} } });
    expect(status).toBe(200);
    expect(Object.keys(body.insights)).toEqual(['format']);
    expect(body.insights.format).toEqual({
      country_code: 'US',
      country_name: 'United States',
      country_prefix: '1',
      offline_location: 'Georgia',
      time_zones: ['America/New_York'],
      number_international: '+14040000000',
      number_national: '(404) 000-0000',
      is_format_valid: true,
      status: { code: 'OK', message: 'Success' },
    });
    expect(sim.insightsRequests).toEqual([{ phoneNumber: '14040000000', insights: ['format'], at: expect.any(Date) }]);
  });

  it('should describe a mobile carrier and a sim swap by default', async () => {
    const { body } = await lookup({ phone_number: '+34612345678', purpose: 'FraudPreventionAndDetection', insights: ALL });
    const carrier = { name: 'Orange Espana, S.A. Unipersonal', network_type: 'MOBILE', country_code: 'ES', network_code: '21403', status: { code: 'OK', message: 'Success' } };
    expect(body.insights.original_carrier).toEqual(carrier);
    expect(body.insights.current_carrier).toEqual(carrier);
    expect(body.insights.sim_swap).toEqual({ is_swapped: false, status: { code: 'OK', message: 'Success' } });
  });

  it('should refuse sim_swap without the fraud-prevention purpose', async () => {
    const { body } = await lookup({ phone_number: '34612345678', insights: { sim_swap: {} } });
    expect(body.insights.sim_swap.status.code).toBe('INVALID_PURPOSE');
  });

  it.each([
    ['2001', 'VIRTUAL'],
    ['2002', 'LANDLINE'],
    ['2003', 'TOLLFREE'],
    ['2004', 'PREMIUM'],
    ['2009', 'SATELLITE'],
    ['1234', 'MOBILE'],
  ])('should report numbers ending %s as %s on both carriers', async (suffix, networkType) => {
    const { body } = await lookup({ phone_number: `4477009${suffix}`, insights: { original_carrier: {}, current_carrier: {} } });
    expect(body.insights.original_carrier.network_type).toBe(networkType);
    expect(body.insights.current_carrier.network_type).toBe(networkType);
    expect(body.insights.current_carrier.country_code).toBe('GB');
  });

  it('should answer NOT_FOUND for every insight of numbers ending 2404', async () => {
    const { status, body } = await lookup({ phone_number: '447700902404', purpose: 'FraudPreventionAndDetection', insights: ALL });
    expect(status).toBe(200);
    for (const name of Object.keys(ALL)) expect(body.insights[name]).toEqual({ status: { code: 'NOT_FOUND', message: 'Not Found' } });
  });

  it('should mark numbers ending 2422 as badly formatted', async () => {
    const { body } = await lookup({ phone_number: '447700902422', insights: { format: {}, current_carrier: {} } });
    expect(body.insights.format).toEqual(expect.objectContaining({ is_format_valid: false, status: expect.objectContaining({ code: 'INVALID_NUMBER_FORMAT' }) }));
    expect(body.insights.current_carrier.status.code).toBe('INVALID_NUMBER_FORMAT');
  });

  it.each([
    ['2500', 500, 'Internal Server Error'],
    ['2429', 429, 'Rate Limit Hit'],
  ])('should fail numbers ending %s with %i RFC 7807', async (suffix, status, title) => {
    expect(await lookup({ phone_number: `4477009${suffix}`, insights: { format: {} } })).toEqual({ status, body: expect.objectContaining({ title, type: expect.any(String) }) });
  });

  it('should leave numbers ending 2408 unanswered until the client gives up', async () => {
    await expect(lookup({ phone_number: '447700902408', insights: { format: {} } }, bearerFor(keys), AbortSignal.timeout(200))).rejects.toThrow();
  });

  it.each([
    ['Basic credentials, even correct ones', basicFor('sandbox-key', 'sandbox-secret')],
    ['a JWT from another key', bearerFor(generateTestKeyPair())],
    ['a JWT for another application', bearerFor(keys, 'other-app')],
  ])('should answer 401 for %s', async (_label, authorization) => {
    expect((await lookup({ phone_number: '447700900000', insights: { format: {} } }, authorization)).status).toBe(401);
    expect(sim.insightsRequests).toEqual([]);
  });

  it('should answer 400 Malformed JSON like the recorded fixture', async () => {
    expect(await lookup('{"phone_number":')).toEqual({ status: 400, body: expect.objectContaining({ title: 'Malformed JSON', detail: 'Malformed JSON payload' }) });
  });

  it.each([
    ['a missing phone_number', { insights: { format: {} } }, 'phone_number'],
    ['empty insights', { phone_number: '447700900000', insights: {} }, 'insights'],
  ])('should answer 422 for %s', async (_label, body, name) => {
    const res = await lookup(body);
    expect(res.status).toBe(422);
    expect(res.body.invalid_parameters).toEqual([expect.objectContaining({ name })]);
  });
});
