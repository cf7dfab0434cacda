/** The build cache: a bundle is found again by the content of its inputs and its options, nothing else. */
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BuildCache, optionsHash } from '../../src/lambda/build-cache.js';

let dir: string;
let cache: BuildCache;
let input: string;
const options = optionsHash({ format: 'esm', minify: true });
const outdir = () => join(cache.root, 'Fn', '_');
const bundle = (text: string) => ({
  outdir: outdir(),
  outputFiles: [{ path: join(outdir(), 'handler.mjs'), contents: Buffer.from(text) }],
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'build-cache-'));
  cache = new BuildCache(join(dir, 'cache'));
  input = join(dir, 'handler.ts');
  await writeFile(input, 'export const handler = () => 1;');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function store(text = 'built', builtFrom = Date.now() + 1000) {
  return cache.store('Fn', options, { ...bundle(text), inputs: [input], builtFrom });
}

async function lookup() {
  cache.refresh();
  return cache.lookup('Fn', options);
}

it('finds a stored bundle while its inputs keep their content, with its files as written', async () => {
  const stored = await store('bundle v1');
  const hit = await lookup();
  expect(hit?.key).toBe(stored?.key);
  expect(hit?.inputs).toEqual([input]);
  expect(await readFile(join(hit?.dir as string, 'handler.mjs'), 'utf8')).toBe('bundle v1');
});

it('misses once an input has other content, or is gone', async () => {
  await store();
  await writeFile(input, 'export const handler = () => 2;');
  expect(await lookup()).toBeUndefined();
  await rm(input);
  expect(await lookup()).toBeUndefined();
});

it('still hits when an input was rewritten with the same content (a checkout, a touch)', async () => {
  const stored = await store();
  const later = new Date(Date.now() + 60_000);
  await utimes(input, later, later);
  expect((await lookup())?.key).toBe(stored?.key);
});

it('misses for other build options', async () => {
  await store();
  cache.refresh();
  expect(await cache.lookup('Fn', optionsHash({ format: 'cjs', minify: true }))).toBeUndefined();
  expect(optionsHash({ a: 1, b: [2] })).toBe(optionsHash({ b: [2], a: 1 }));
});

it('finds an earlier bundle again when its inputs come back (an undone edit)', async () => {
  const first = await store('v1');
  await writeFile(input, 'export const handler = () => 2;');
  await store('v2');
  await writeFile(input, 'export const handler = () => 1;');
  const hit = await lookup();
  expect(hit?.key).toBe(first?.key);
  expect(await readFile(join(hit?.dir as string, 'handler.mjs'), 'utf8')).toBe('v1');
});

it('does not store a build whose input changed after the build started: it may hold the older content', async () => {
  expect(await store('stale', Date.now() - 60_000)).toBeUndefined();
  expect(await lookup()).toBeUndefined();
});

it('keeps one entry when two runners store the same inputs', async () => {
  const [a, b] = await Promise.all([store('same'), store('same')]);
  expect(a?.key).toBe(b?.key);
  expect((await readdir(join(cache.root, 'Fn'))).filter((n) => !n.startsWith('.'))).toEqual([a?.key]);
});

it('writes a bundle it cannot file where only this process uses it, beside the entries', async () => {
  const private1 = await cache.writePrivate('Fn', bundle('mine'));
  expect(private1).toMatch(new RegExp(`/Fn/\\.pid-${process.pid}-[0-9a-f]+$`));
  expect(await readFile(join(private1, 'handler.mjs'), 'utf8')).toBe('mine');
  expect(await lookup()).toBeUndefined();
});
