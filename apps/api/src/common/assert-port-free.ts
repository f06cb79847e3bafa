import { createServer } from 'net';

/**
 * Fails when host:port cannot be bound (another process listens there), so a start that is going
 * to fail does so before it migrates or writes anything. Port 0 always passes.
 */
export function assertPortFree(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(`Cannot listen on ${host}:${port} (${error.code ?? error.message}); is another connector running? Set PORT to a free port`)),
    );
    server.listen(port, host, () => server.close(() => resolve()));
  });
}
