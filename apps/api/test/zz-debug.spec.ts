import { startHarness, telephonyCall } from './support/connector-with-vonage';
jest.setTimeout(60000);
it('debug', async () => {
  const h = await startHarness();
  const token = await h.createToken();
  await h.connector.app.inject({ method: 'POST', url: '/v1/hooks/okta/telephony', headers: { authorization: token.secret, 'content-type': 'application/json' }, payload: telephonyCall(h.clock, { phone: '+447400120001', code: '123456', channel: 'SMS', userId: 'u' }) as object });
  await new Promise((r) => setTimeout(r, 300));
  const t = Date.now();
  const app = h.connector.app;
  const timer = setInterval(() => console.log('waiting', Date.now() - t), 2000);
  await app.close();
  console.log('app closed', Date.now() - t);
  clearInterval(timer);
});
