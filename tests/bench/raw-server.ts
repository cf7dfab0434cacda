/**
 * The baseline: a raw Node `http` server, in its own process (as the local stack is), answering
 * every request with exactly the bytes the local stack answered (status, headers, body).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface CapturedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const SERVER = `
const http = require('node:http');
const r = JSON.parse(process.env.RESPONSE);
const server = http.createServer((req, res) => { req.resume(); req.on('end', () => { res.writeHead(r.status, r.headers); res.end(r.body); }); });
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;

export async function capture(url: string, headers: Record<string, string> = {}): Promise<CapturedResponse> {
  const res = await fetch(url, { headers });
  const kept: Record<string, string> = {};
  res.headers.forEach((v, k) => {
    if (!['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length'].includes(k)) kept[k] = v;
  });
  return { status: res.status, headers: kept, body: await res.text() };
}

export async function startRawServer(
  response: CapturedResponse,
): Promise<{ url: string; pid?: number; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, ['-e', SERVER], {
    env: { PATH: process.env.PATH ?? '', RESPONSE: JSON.stringify(response) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  return {
    url: `http://127.0.0.1:${chunk.toString().trim()}`,
    pid: child.pid,
    stop: async () => {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
