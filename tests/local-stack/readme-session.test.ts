/**
 * README.md's "A first session" runs as pasted: the block after <!-- first-session --> is run with
 * bash, with only its port and data folder swapped for free ones (so it cannot meet a developer's
 * own `npm start`), and must print the job's result.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../support/paths.js';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
const session = /<!-- first-session -->\s*```bash\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';

it('is at most 20 lines and names the default port and `npm start`', () => {
  expect(session.trim().split('\n').length).toBeLessThanOrEqual(20);
  expect(session).toContain('http://127.0.0.1:3000');
  expect(session).toContain('npm start >');
});

it('signs up, confirms, logs in, runs a job and prints its result, as pasted', async () => {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'readme-session-'));
  const script = session
    .replaceAll('http://127.0.0.1:3000', `http://127.0.0.1:${port}`)
    .replace('npm start >', `npm start -- --port ${port} --data ${join(dir, 'data')} >`)
    .replaceAll('first-session.log', join(dir, 'first-session.log'));
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NODE_OPTIONS; // jest's --experimental-vm-modules is not for the service
  try {
    const { stdout } = await promisify(execFile)('bash', ['-e', '-c', script], {
      cwd: projectRoot,
      env,
      timeout: 90_000,
    });
    const result = JSON.parse(stdout.trim().split('\n').pop() ?? '') as { topWords: unknown[] };
    expect(result).toMatchObject({ words: 4, uniqueWords: 3 });
    expect(result.topWords[0]).toEqual({ word: 'hello', count: 2 });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 120_000);
