import { EventEmitter } from 'events';
import { closeOnSignals } from './shutdown-signals';

class FakeProcess extends EventEmitter {
  readonly pid = 4242;
  readonly killed: Array<[number, string]> = [];
  exitCode: number | null = null;
  kill(pid: number, signal?: string | number): true {
    this.killed.push([pid, String(signal)]);
    return true;
  }
  exit(code?: number): never {
    this.exitCode = code ?? 0;
    return undefined as never;
  }
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('closeOnSignals', () => {
  it('should close the whole connector once, then re-raise the signal with no handler left', async () => {
    const proc = new FakeProcess();
    let release!: () => void;
    const close = jest.fn(() => new Promise<void>((resolve) => (release = resolve)));
    closeOnSignals({ close }, () => undefined, ['SIGTERM', 'SIGINT'], proc as unknown as NodeJS.Process);

    proc.emit('SIGTERM', 'SIGTERM');
    proc.emit('SIGINT', 'SIGINT');
    await flush();
    expect(close).toHaveBeenCalledTimes(1);
    expect(proc.killed).toEqual([]);

    release();
    await flush();
    expect(proc.killed).toEqual([[4242, 'SIGTERM']]);
    expect(proc.listenerCount('SIGTERM') + proc.listenerCount('SIGINT')).toBe(0);
  });

  it('should exit 1 and say why when closing fails', async () => {
    const proc = new FakeProcess();
    const log = jest.fn();
    closeOnSignals({ close: () => Promise.reject(new Error('pool stuck')) }, log, ['SIGTERM'], proc as unknown as NodeJS.Process);

    proc.emit('SIGTERM', 'SIGTERM');
    await flush();

    expect(proc.exitCode).toBe(1);
    expect(log).toHaveBeenLastCalledWith('Shutdown failed: pool stuck');
  });
});
