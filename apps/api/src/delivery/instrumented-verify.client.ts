import { ConnectorMetrics } from '../metrics/metrics';
import { VerifyCheckResult, VerifyClient, VerifyStartRequest, VerifyStartResult } from './verify.client';

/** Times every Verify call and labels it with its outcome, around any VerifyClient. */
export class InstrumentedVerifyClient implements VerifyClient {
  constructor(
    private readonly inner: VerifyClient,
    private readonly metrics: ConnectorMetrics,
  ) {}

  start(request: VerifyStartRequest, options: { timeoutMs: number }): Promise<VerifyStartResult> {
    return this.metrics.timeVonage('verify.start', () => this.inner.start(request, options), (r) => (r.kind === 'failed' ? r.failure : r.kind));
  }

  check(requestId: string, code: string, options: { timeoutMs: number }): Promise<VerifyCheckResult> {
    return this.metrics.timeVonage('verify.check', () => this.inner.check(requestId, code, options), (r) => (r.kind === 'failed' ? r.failure : r.kind));
  }

  cancel(requestId: string, options: { timeoutMs: number }): Promise<boolean> {
    return this.metrics.timeVonage('verify.cancel', () => this.inner.cancel(requestId, options), (ok) => (ok ? 'cancelled' : 'failed'));
  }
}
