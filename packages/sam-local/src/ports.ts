/** Free ports on 127.0.0.1, and a one-line error for a port already in use. */
import { createServer } from 'node:net';
import { StartError } from './errors.js';

export class PortInUseError extends StartError {
  override readonly name = 'PortInUseError';
  constructor(
    readonly port: number,
    what: string,
  ) {
    super(
      `Port ${port} is already in use (${what}); pick another with --port, or stop whatever listens there.`,
    );
  }
}

/**
 * A port that was free a moment ago. Only for programs that cannot listen on port 0 and report
 * back (dynalite's CLI, cognito-local, whose token issuer must name its port before it listens).
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Fails fast, before anything starts, when `port` is taken (0 always succeeds). */
export function assertPortFree(port: number, what: string): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'EADDRINUSE' ? new PortInUseError(port, what) : e),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

/** Whether `port` on 127.0.0.1 can be listened on right now. */
export function portIsFree(port: number): Promise<boolean> {
  return assertPortFree(port, '').then(
    () => true,
    () => false,
  );
}
