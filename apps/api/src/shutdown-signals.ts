import type { ConnectorApp } from './create-app';

type SignalProcess = Pick<NodeJS.Process, 'on' | 'removeListener' | 'kill' | 'exit' | 'pid'>;

/**
 * SIGTERM/SIGINT close the whole connector in order (HTTP drained first, embedded database last),
 * then re-raise the signal so the exit status says how the process ended. A second signal while
 * closing is ignored; a failed close exits 1.
 */
export function closeOnSignals(
  connector: Pick<ConnectorApp, 'close'>,
  log: (message: string) => void,
  signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'],
  proc: SignalProcess = process,
): void {
  let received = false;
  const handler = (signal: NodeJS.Signals) => {
    if (received) return;
    received = true;
    log(`${signal} received: finishing requests in flight, then closing`);
    connector.close().then(
      () => {
        signals.forEach((s) => proc.removeListener(s, handler));
        proc.kill(proc.pid, signal);
      },
      (error: Error) => {
        log(`Shutdown failed: ${error.message}`);
        proc.exit(1);
      },
    );
  };
  signals.forEach((s) => proc.on(s, handler));
}
