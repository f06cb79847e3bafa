import { ConnectorMetrics } from './metrics';

function blockFor(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // a stalled event loop, as a long synchronous task makes it
  }
}

describe('ConnectorMetrics', () => {
  it('should still report an event-loop stall in the lag metrics with the coarser sampling', async () => {
    const metrics = new ConnectorMetrics();
    await new Promise((resolve) => setTimeout(resolve, 250));
    blockFor(300);
    await new Promise((resolve) => setTimeout(resolve, 250));

    const text = await metrics.registry.metrics();

    const max = Number(/^otc_nodejs_eventloop_lag_max_seconds (\S+)$/m.exec(text)?.[1]);
    expect(max).toBeGreaterThanOrEqual(0.15);
    expect(text).toMatch(/^otc_nodejs_eventloop_lag_p99_seconds \S+$/m);
  });
});
