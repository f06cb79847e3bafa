import { createVonageSimulator, type VonageSimulator } from '../index';
import { basicFor } from '../testing/sdk-client.fixture';

const valid = () => ({ brand: 'Acme', code: 'Ab12', workflow: [{ channel: 'sms', to: '447700900200' }] });
type Body = Record<string, unknown>;

describe('POST /v2/verify validation', () => {
  let sim: VonageSimulator;
  let url: string;
  beforeAll(async () => {
    sim = createVonageSimulator();
    url = await sim.listen();
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.reset());

  const post = async (body: unknown) => {
    const res = await fetch(`${url}/v2/verify`, {
      method: 'POST',
      headers: { authorization: basicFor('sandbox-key', 'sandbox-secret'), 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Body };
  };
  const withStep = (step: Body) => ({ ...valid(), workflow: [step] });

  it.each<[string, Body, string]>([
    ['missing brand', { ...valid(), brand: undefined }, 'brand'],
    ['empty brand', { ...valid(), brand: '' }, 'brand'],
    ['brand over 16 characters', { ...valid(), brand: 'A'.repeat(17) }, 'brand'],
    ['missing workflow', { ...valid(), workflow: undefined }, 'workflow'],
    ['empty workflow', { ...valid(), workflow: [] }, 'workflow'],
    ['unknown channel', withStep({ channel: 'pigeon', to: '447700900200' }), 'workflow[0]'],
    ['to with a plus', withStep({ channel: 'sms', to: '+447700900200' }), 'workflow[0]'],
    ['to with 00', withStep({ channel: 'sms', to: '00447700900200' }), 'workflow[0]'],
    ['to of 6 digits', withStep({ channel: 'sms', to: '447700' }), 'workflow[0]'],
    ['to of 16 digits', withStep({ channel: 'voice', to: '4477009002001234' }), 'workflow[0]'],
    ['code of 3 characters', { ...valid(), code: 'Ab1' }, 'code'],
    ['code of 11 characters', { ...valid(), code: 'Ab123456789' }, 'code'],
    ['code with a symbol', { ...valid(), code: 'Ab1-' }, 'code'],
    ['code_length of 3', { ...valid(), code: undefined, code_length: 3 }, 'code_length'],
    ['code_length of 11', { ...valid(), code: undefined, code_length: 11 }, 'code_length'],
    ['code_length unlike the code', { ...valid(), code: 'Ab12', code_length: 6 }, 'code_length'],
    ['channel_timeout of 14', { ...valid(), channel_timeout: 14 }, 'channel_timeout'],
    ['channel_timeout of 901', { ...valid(), channel_timeout: 901 }, 'channel_timeout'],
    ['malformed locale', { ...valid(), locale: 'english' }, 'locale'],
    ['client_ref over 40 characters', { ...valid(), client_ref: 'r'.repeat(41) }, 'client_ref'],
  ])('should answer 422 Invalid params naming the field for %s', async (_label, body, name) => {
    const res = await post(body);
    expect(res.status).toBe(422);
    expect(res.body).toEqual(expect.objectContaining({ title: 'Invalid params', invalid_parameters: [expect.objectContaining({ name, reason: expect.any(String) })] }));
    expect(sim.messages).toEqual([]);
  });

  it.each<[string, string]>([
    ['a 2-character alphanumeric', 'AB'],
    ['a 12-character alphanumeric', 'ABCDEFGHIJKL'],
    ['a sender with a space', 'Acme Ltd'],
  ])('should answer 422 Invalid sender for %s from', async (_label, from) => {
    const res = await post(withStep({ channel: 'sms', to: '447700900200', from }));
    expect(res).toEqual({ status: 422, body: expect.objectContaining({ title: 'Invalid sender' }) });
  });

  it.each<[string, Body]>([
    ['the minimal body', valid()],
    ['an alphanumeric sender', withStep({ channel: 'sms', to: '447700900200', from: 'ACME' })],
    ['a numeric sender', withStep({ channel: 'sms', to: '447700900200', from: '447700900999' })],
    ['boundaries', { ...valid(), code: 'A'.repeat(10), code_length: 10, channel_timeout: 900, locale: 'es-es', client_ref: 'r'.repeat(40), brand: 'B'.repeat(16) }],
    ['the lowest channel timeout and a 15-digit number', { ...withStep({ channel: 'voice', to: '447700900200123' }), channel_timeout: 15 }],
  ])('should accept %s', async (_label, body) => {
    expect((await post(body)).status).toBe(202);
  });

  it('should report every invalid field at once as an array', async () => {
    const res = await post({ brand: '', workflow: [], code: '!' });
    expect((res.body.invalid_parameters as { name: string }[]).map((p) => p.name)).toEqual(['brand', 'workflow', 'code']);
  });

  it('should answer 400 Malformed JSON for a broken body', async () => {
    expect(await post('{"brand":')).toEqual({ status: 400, body: expect.objectContaining({ title: 'Malformed JSON' }) });
  });
});
