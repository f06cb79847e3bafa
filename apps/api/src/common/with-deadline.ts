/** An error named like fetch's abort, so callers read our deadline and the SDK's own timeout alike. */
export function timeoutError(timeoutMs: number): Error {
  return Object.assign(new Error(`timeout after ${timeoutMs} ms`), { name: 'AbortError' });
}

/** Settles with `work`, or rejects with `onTimeout()` once `timeoutMs` has passed; the timer never outlives the call. */
export function withDeadline<T>(work: Promise<T>, timeoutMs: number, onTimeout: () => Error = () => timeoutError(timeoutMs)): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), timeoutMs);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
