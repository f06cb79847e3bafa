import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { CallbackDispatcher } from './callbacks/callback.dispatcher';
import { sendProblem } from './http/http-io.util';
import { problems } from './http/problem.factory';
import { clearJournal, createJournal } from './simulator-journal';
import { createRouter } from './simulator.router';
import type { ResolvedOptions, VonageSimulator, VonageSimulatorOptions } from './simulator.types';
import { VerifyLifecycle } from './verify/verify-lifecycle';

const resolveOptions = (options: VonageSimulatorOptions): ResolvedOptions => ({
  apiKey: options.apiKey ?? 'sandbox-key',
  apiSecret: options.apiSecret ?? 'sandbox-secret',
  applicationId: options.applicationId,
  publicKey: options.publicKey,
  callbackUrl: options.callbackUrl,
  signatureSecret: options.signatureSecret ?? 'sandbox-signature-secret',
  callbackDelayMs: options.callbackDelayMs ?? 20,
  now: options.now ?? (() => new Date()),
});

export function createVonageSimulator(options: VonageSimulatorOptions = {}): VonageSimulator {
  const resolved = resolveOptions(options);
  const journal = createJournal(options.journalLimit);
  const callbacks = new CallbackDispatcher({
    url: resolved.callbackUrl,
    signatureSecret: resolved.signatureSecret,
    apiKey: resolved.apiKey,
    applicationId: resolved.applicationId,
    delayMs: resolved.callbackDelayMs,
    now: resolved.now,
  });
  const lifecycle = new VerifyLifecycle(resolved.now, journal, callbacks);
  const route = createRouter({ options: resolved, journal, lifecycle });
  let latencyMs = options.latencyMs ?? 0;
  let server: Server | null = null;
  let url: string | null = null;
  // Responses left unanswered (latency, hang scenarios) are tracked so close() can end them.
  const openResponses = new Set<ServerResponse>();
  const latencyTimers = new Set<NodeJS.Timeout>();
  const track = (res: ServerResponse) => {
    if (res.writableEnded || openResponses.has(res)) return;
    openResponses.add(res);
    res.once('close', () => openResponses.delete(res));
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    // Says it is a sandbox on every answer, so a misconfigured deployment is visible.
    res.setHeader('x-vonage-simulator', 'true');
    const run = () => {
      route(req, res).then(
        () => track(res),
        () => {
          if (!res.headersSent) sendProblem(res, 500, problems.internalError());
        },
      );
    };
    if (latencyMs <= 0) return run();
    track(res);
    const timer = setTimeout(() => {
      latencyTimers.delete(timer);
      run();
    }, latencyMs);
    latencyTimers.add(timer);
  };

  const listen = (port = 0, host = '127.0.0.1'): Promise<string> => {
    if (server) return Promise.reject(new Error('Vonage simulator is already listening'));
    callbacks.reopen();
    const created = createServer(handle);
    server = created;
    return new Promise((resolve, reject) => {
      created.once('error', reject);
      created.listen(port, host, () => {
        const address = created.address() as AddressInfo;
        url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
        resolve(url);
      });
    });
  };

  const close = async (): Promise<void> => {
    callbacks.close();
    for (const timer of latencyTimers) clearTimeout(timer);
    latencyTimers.clear();
    for (const res of openResponses) res.destroy();
    openResponses.clear();
    const closing = server;
    server = null;
    url = null;
    if (!closing) return;
    closing.closeAllConnections();
    await new Promise<void>((resolve) => closing.close(() => resolve()));
  };

  return {
    listen,
    close,
    handle,
    get url() {
      return url;
    },
    setLatency: (ms: number) => {
      latencyMs = Math.max(0, ms);
    },
    setCallbackUrl: (url: string | undefined) => callbacks.retarget(url),
    reset: () => {
      lifecycle.reset();
      clearJournal(journal);
    },
    messages: journal.messages,
    checks: journal.checks,
    cancels: journal.cancels,
    insightsRequests: journal.insightsRequests,
    flushCallbacks: async () => {
      lifecycle.sweep();
      await callbacks.flush();
    },
  };
}
