/**
 * Starts something before a describe block's tests and stops it after them; `use` hands its parts to
 * the block's own variables, so the tests read them as before.
 */
export function aroundTests<T extends { stop(): Promise<void> }>(start: () => Promise<T>, use: (started: T) => void): void {
  let started: T | undefined;
  beforeAll(async () => {
    started = await start();
    use(started);
  });
  afterAll(async () => {
    await started?.stop();
  });
}
