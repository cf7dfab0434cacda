/** moto_server (every AWS service in one Python process) for the tools suite, on 127.0.0.1. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { requireTool } from './require-tool.js';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(url);
      return;
    } catch (e) {
      if (Date.now() > end) throw new Error(`moto_server did not answer at ${url}`, { cause: e });
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export interface Moto {
  url: string;
  stop(): void;
}

/** moto_server (all AWS services in one Python process) on a free 127.0.0.1 port. */
export async function startMoto(): Promise<Moto> {
  const executable = requireTool('moto_server');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(executable, ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: 'ignore',
  });
  try {
    await waitForHttp(url, 20_000);
  } catch (e) {
    child.kill('SIGTERM');
    throw e;
  }
  return { url, stop: () => child.kill('SIGTERM') };
}

/** Credentials and endpoint that send an AWS SDK or CLI to moto, never to AWS. */
export const motoCredentials = { accessKeyId: 'test', secretAccessKey: 'test' };
export const motoRegion = 'us-east-1';
