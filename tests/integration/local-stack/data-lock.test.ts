/**
 * One runner per data folder: a second `npm start` on the folder a running one uses exits at once
 * with one line naming the first (instead of sharing, and corrupting, its emulators' state).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../support/paths.js';
import { startStack } from '../../support/stack.js';

const template = join(projectRoot, 'tests', 'fixtures', 'sam-app', 'template.yaml');

/** Runs a second runner to its exit; resolves with its exit code and everything it printed. */
function secondRunner(dataDir: string): Promise<{ code: number | null; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NODE_OPTIONS;
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(projectRoot, 'local', 'cli.ts'),
      ...['--port', '0', '--no-watch', '--data', dataDir, '--template', template],
    ],
    { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), 10000);
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(killer);
      resolve({ code, output });
    }),
  );
}

it('refuses a second runner on the same data folder, naming the running one and --data', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'local-stack-lock-'));
  const first = await startStack({ template, dataDir });
  try {
    const second = await secondRunner(dataDir);
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
