import { createServer } from 'node:net';

/**
 * A loopback port that was free a moment ago: nothing listens there, so a
 * connection is refused, or a server the test starts next can take it.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
