/**
 * The package stands alone: its sources import only their own files, Node's built-ins and the
 * dependencies its package.json declares (nothing from an application around it), and every
 * public export names a file that exists. Read from esbuild's metafile of the whole source tree.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { join, relative, resolve, sep } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { packageRoot } from '../support/paths.js';

const manifest = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  exports: Record<string, string>;
  bin: Record<string, string>;
};
const sourceRoot = join(packageRoot, 'src');

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (e) =>
      e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
    ),
  );
  return nested.flat();
}

/** The package a bare specifier names: `@scope/name/sub` -> `@scope/name`, `name/sub` -> `name`. */
const packageOf = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

let metafile: Metafile;

beforeAll(async () => {
  const result = await build({
    entryPoints: await sources(sourceRoot),
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    write: false,
    outdir: join(packageRoot, 'out'),
    metafile: true,
    logLevel: 'silent',
  });
  metafile = result.metafile;
}, 60000);

it('imports no file outside its own src/', () => {
  const outside = Object.keys(metafile.inputs)
    .map((input) => resolve(input))
    .filter((file) => !file.startsWith(sourceRoot + sep));
  expect(outside).toEqual([]);
});

it('imports only Node built-ins and the dependencies package.json declares', () => {
  const external = new Set(
    Object.values(metafile.inputs).flatMap((input) =>
      input.imports.filter((i) => i.external).map((i) => i.path),
    ),
  );
  const undeclared = [...external].filter(
    (specifier) =>
      !specifier.startsWith('node:') &&
      !builtinModules.includes(specifier) &&
      !(packageOf(specifier) in manifest.dependencies),
  );
  expect(undeclared).toEqual([]);
  expect(external.size).toBeGreaterThan(0); // the walk found the SDK, esbuild, ...
});

it('exports files that exist, all under src/public (the rest is internal)', () => {
  for (const [subpath, target] of Object.entries(manifest.exports)) {
    expect({ subpath, exists: existsSync(join(packageRoot, target)) }).toEqual({ subpath, exists: true });
    if (subpath !== './package.json')
      expect(relative(packageRoot, join(packageRoot, target))).toMatch(/^src\/public\//);
  }
  for (const bin of Object.values(manifest.bin)) expect(existsSync(join(packageRoot, bin))).toBe(true);
});
