/**
 * bin/sam-local.js runs the sources bundled into .cache/cli, and bundles them again once one
 * changed: on a copy of the package (its own .cache), `--help` prints what the sources say now.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { packageRoot } from '../support/paths.js';

let copy: string;

beforeAll(async () => {
  copy = await mkdtemp(join(tmpdir(), 'sam-local-launcher-'));
  for (const part of ['bin', 'src', 'package.json'])
    await cp(join(packageRoot, part), join(copy, part), { recursive: true });
  // Its dependencies, as the workspace resolves them.
  await symlink(join(packageRoot, '..', '..', 'node_modules'), join(copy, 'node_modules'));
});
afterAll(() => rm(copy, { recursive: true, force: true }));

const help = async () => {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  return (await promisify(execFile)(process.execPath, [join(copy, 'bin', 'sam-local.js'), '--help'], { env }))
    .stdout;
};

it('bundles the sources once, and again after an edit', async () => {
  expect(await help()).toMatch(/^Usage: sam-local \[options\]/);
  const bundles = async () =>
    (await readdir(join(copy, '.cache', 'cli'))).filter((n) => /^[0-9a-f]+$/.test(n));
  const first = await bundles();
  expect(first).toHaveLength(1);

  expect(await help()).toMatch(/^Usage: sam-local \[options\]/);
  expect(await bundles()).toEqual(first); // unchanged sources: the same bundle

  const args = join(copy, 'src', 'cli', 'args.ts');
  await writeFile(
    args,
    (await readFile(args, 'utf8')).replace('Usage: sam-local [options]', 'Usage: edited'),
  );
  expect(await help()).toMatch(/^Usage: edited/);
  expect((await bundles()).length).toBe(2);
}, 60000);
