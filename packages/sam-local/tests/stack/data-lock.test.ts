/**
 * One runner per data folder: a second `npm start` on the folder a running one uses exits at once
 * with one line naming the first (instead of sharing, and corrupting, its emulators' state).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixture } from '../support/paths.js';
import { runToExit, startStack } from '../../src/public/testing.js';

const template = fixture('sam-app', 'template.yaml');

it('refuses a second runner on the same data folder, naming the running one and --data', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'local-stack-lock-'));
  const first = await startStack({ template, dataDir });
  try {
    const second = await runToExit(['--port', '0', '--no-watch', '--data', dataDir, '--template', template]);
    expect(second.code).toBe(1);
    const lines = second.output.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`another local stack (pid ${first.pid}) is using ${dataDir}`);
    expect(lines[0]).toContain('--data');
    // The first one is untouched: it still answers.
    expect((await fetch(`${first.baseUrl}/hello`)).status).toBe(200);
  } finally {
    await first.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}, 60000);
