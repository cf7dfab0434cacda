/** A JWKS endpoint on 127.0.0.1 (free port) that counts its requests and can be told to fail. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface JwksServer {
  /** e.g. http://127.0.0.1:PORT (serves <anything>/.well-known/jwks.json). */
  baseUrl: string;
  hits(): number;
  /** What the next requests get: a JWKS object, or a status with a raw body. */
  serve(response: { keys: unknown[] } | { status: number; body: string }): void;
  close(): Promise<void>;
}

export async function startJwksServer(jwks: { keys: unknown[] }): Promise<JwksServer> {
  let count = 0;
  let current: { status: number; body: string } = { status: 200, body: JSON.stringify(jwks) };
  const server = createServer((req, res) => {
    if (!req.url?.endsWith('/.well-known/jwks.json')) {
      res.writeHead(404).end();
      return;
    }
    count += 1;
    res.writeHead(current.status, { 'content-type': 'application/json' }).end(current.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    hits: () => count,
    serve(response) {
      current = 'keys' in response ? { status: 200, body: JSON.stringify(response) } : response;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
