#!/usr/bin/env node
// The `sam-local` command. The runner is TypeScript (src/); this launcher runs it as plain
// JavaScript, bundled by esbuild into .cache/cli/<key>/ and rebuilt only when a source changed
// (checked by the size and modification time of every file the last bundle was built from). No
// TypeScript loader sits on every import, so a start costs a few stats instead of a transform per
// module, and there is still no build step between `npm ci` and a start.
//
// Written by hand (about 90 lines): this is the one file that must run before anything is compiled.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = join(packageRoot, '.cache', 'cli');
const manifestFile = join(cacheDir, 'manifest.json');
const ENTRY = 'src/cli/main.ts';
const KEEP_MS = 60 * 60 * 1000;

const stampOf = async (file) => {
  const s = await stat(join(packageRoot, file));
  return { stamp: `${s.size}:${s.mtimeMs}`, mtimeMs: s.mtimeMs };
};

/** The bundle of the current sources, if the last one is still theirs. */
async function current() {
  try {
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8'));
    const inputs = Object.entries(manifest.inputs);
    const now = await Promise.all(inputs.map(([file]) => stampOf(file)));
    if (inputs.some(([, stamp], i) => now[i].stamp !== stamp)) return undefined;
    return join(cacheDir, manifest.key, 'main.mjs');
  } catch {
    return undefined;
  }
}

/**
 * Bundles src/cli/main.ts (dependencies stay imports), filed under a key of its inputs' stamps. A
 * source saved while esbuild ran may not be in the bundle: then it runs but is not recorded.
 */
async function compile() {
  const { build } = await import('esbuild');
  const builtFrom = Date.now();
  const temporary = join(cacheDir, `.tmp-${randomBytes(6).toString('hex')}`);
  const result = await build({
    absWorkingDir: packageRoot,
    entryPoints: [ENTRY],
    outdir: temporary,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outExtension: { '.js': '.mjs' },
    sourcemap: 'linked',
    // src/package-root.ts: the sources' folder, which the bundle no longer sits in.
    define: { SAM_LOCAL_PACKAGE_ROOT: JSON.stringify(packageRoot) },
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = {};
  let changedMeanwhile = false;
  for (const file of Object.keys(result.metafile.inputs).sort()) {
    const { stamp, mtimeMs } = await stampOf(file);
    inputs[file] = stamp;
    if (mtimeMs >= builtFrom) changedMeanwhile = true;
  }
  const key = createHash('sha1').update(JSON.stringify(inputs)).digest('hex').slice(0, 16);
  const final = join(cacheDir, key);
  // Another launcher may have filed the same sources first: its bundle is the same.
  await rename(temporary, final).catch(() => rm(temporary, { recursive: true, force: true }));
  if (changedMeanwhile) return join(final, 'main.mjs');
  const manifestTemporary = `${manifestFile}.${process.pid}.tmp`;
  await writeFile(manifestTemporary, JSON.stringify({ key, inputs }));
  await rename(manifestTemporary, manifestFile);
  // Bundles of older sources, once nobody can still be starting from them.
  for (const name of await readdir(cacheDir)) {
    if (name === key || name === 'manifest.json') continue;
    const s = await stat(join(cacheDir, name)).catch(() => undefined);
    if (s && Date.now() - s.mtimeMs > KEEP_MS)
      await rm(join(cacheDir, name), { recursive: true, force: true });
  }
  return join(final, 'main.mjs');
}

await mkdir(cacheDir, { recursive: true });
const main = (await current()) ?? (await compile());
await import(pathToFileURL(main).href);
