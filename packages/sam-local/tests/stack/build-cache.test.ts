/**
 * Function bundles come from the build cache (<template dir>/.local/cache) when their inputs are
 * unchanged: a restart, even on another data folder or after --fresh, builds nothing; an edit
 * rebuilds only the function whose inputs changed, and its new code is what answers.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack } from '../../src/public/testing.js';
import { copyFixture } from '../support/paths.js';

const FUNCTIONS = ['ApiFunction', 'AuthorizerFunction', 'WorkerFunction'];
let app: string;

beforeAll(async () => {
  app = await mkdtemp(join(tmpdir(), 'local-stack-cache-'));
  await copyFixture('sam-app', app);
});
afterAll(() => rm(app, { recursive: true, force: true }));

/** Functions with a finished bundle in the cache. */
async function cached(): Promise<string[]> {
  const root = join(app, '.local', 'cache', 'bundles');
  const done: string[] = [];
  for (const fn of FUNCTIONS) {
    const entries = await readdir(join(root, fn)).catch(() => [] as string[]);
    if (entries.some((e) => existsSync(join(root, fn, e, 'inputs.json')))) done.push(fn);
  }
  return done;
}

const summary =
  /\((?:started in \d+ ms; )(\d+) function bundle\(s\) from the build cache, (\d+) building in the background\)/;

it('builds nothing on a restart with unchanged sources, and only the edited function after an edit', async () => {
  const template = join(app, 'template.yaml');
  const first = await startStack({ template });
  try {
    expect(first.logs()).toMatch(summary);
    for (let i = 0; i < 300 && (await cached()).length < FUNCTIONS.length; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(await cached()).toEqual(FUNCTIONS);
  } finally {
    await first.stop();
  }

  // A new, empty data folder: the bundles are not state, they are found by their inputs.
  const second = await startStack({ template });
  try {
    expect(second.logs().match(summary)?.slice(1)).toEqual(['3', '0']);
  } finally {
    await second.stop();
  }

  const source = join(app, 'src', 'api.ts');
  await writeFile(
    source,
    (await readFile(source, 'utf8')).replace("const version = 'v1'", "const version = 'v2'"),
  );
  const third = await startStack({ template });
  try {
    expect(third.logs().match(summary)?.slice(1)).toEqual(['2', '1']);
    const body = (await (await fetch(`${third.baseUrl}/hello`)).json()) as { message: string };
    expect(body.message).toBe('hello v2');
  } finally {
    await third.stop();
  }
}, 120000);
