import { createServer } from 'http';
import type { AddressInfo } from 'net';
import { createVonageSimulator } from './index';
import { basicFor } from './testing/sdk-client.fixture';

const smsRequest = (to: string) => ({
  method: 'POST',
  headers: { authorization: basicFor('sandbox-key', 'sandbox-secret'), 'content-type': 'application/json' },
  body: JSON.stringify({ brand: 'Acme', workflow: [{ channel: 'sms', to }] }),
});

describe('createVonageSimulator', () => {
  it('should serve through handle() mounted on a caller-owned server, and say it is a simulator', async () => {
    const sim = createVonageSimulator();
    const server = createServer(sim.handle);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const res = await fetch(`http://127.0.0.1:${port}/v2/verify`, smsRequest('447700900501'));
      expect(res.status).toBe(202);
      expect(res.headers.get('x-vonage-simulator')).toBe('true');
      expect(sim.url).toBeNull();
      expect(sim.messages).toHaveLength(1);
    } finally {
      await sim.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('should add the configured latency to every answer', async () => {
    const sim = createVonageSimulator({ latencyMs: 150 });
    const url = await sim.listen();
    try {
      let started = Date.now();
      await fetch(`${url}/v2/verify`, smsRequest('447700900502'));
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      sim.setLatency(0);
      started = Date.now();
      await fetch(`${url}/v2/verify`, smsRequest('447700900503'));
      expect(Date.now() - started).toBeLessThan(140);
    } finally {
      await sim.close();
    }
  });

  it('should forget requests and records on reset while keeping the same arrays', async () => {
    const sim = createVonageSimulator();
    const url = await sim.listen();
    try {
      const messages = sim.messages;
      await fetch(`${url}/v2/verify`, smsRequest('447700900504'));
      sim.reset();
      expect(messages).toEqual([]);
      expect((await fetch(`${url}/v2/verify`, smsRequest('447700900504'))).status).toBe(202);
      expect(messages).toHaveLength(1);
    } finally {
      await sim.close();
    }
  });

  it('should keep only the newest records when given a journal limit', async () => {
    const sim = createVonageSimulator({ journalLimit: 2 });
    const url = await sim.listen();
    try {
      const messages = sim.messages;
      for (let i = 510; i < 517; i++) expect((await fetch(`${url}/v2/verify`, smsRequest(`447700900${i}`))).status).toBe(202);
      expect(sim.messages).toBe(messages);
      expect(messages.length).toBeGreaterThanOrEqual(2);
      expect(messages.length).toBeLessThanOrEqual(4);
      expect(messages.slice(-2).map((m) => m.to)).toEqual(['447700900515', '447700900516']);
    } finally {
      await sim.close();
    }
  });

  it('should answer 404 RFC 7807 on unknown routes and close cleanly twice', async () => {
    const sim = createVonageSimulator();
    const url = await sim.listen();
    const res = await fetch(`${url}/v1/unknown`, { method: 'POST' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual(expect.objectContaining({ title: 'Not Found' }));
    await sim.close();
    await expect(sim.close()).resolves.toBeUndefined();
    expect(sim.url).toBeNull();
  });
});
