/**
 * `npm run build:web`: the console (web/) bundled by esbuild into web/dist/ (git-ignored): app.js
 * (minified, with a source map), app.css and index.html. No config.json: it depends on where the API
 * is, so `npm start` serves a generated one (--static-config) and a deployment uploads one (README,
 * "Deploy the console").
 */
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const webRoot = join(fileURLToPath(new URL('..', import.meta.url)), 'web');
export const webDist = join(webRoot, 'dist');

/** Builds web/dist; returns the bytes of each file written. */
export async function buildWeb(outdir = webDist): Promise<Record<string, number>> {
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const result = await build({
    entryPoints: [join(webRoot, 'src', 'main.ts'), join(webRoot, 'app.css')],
    outdir,
    bundle: true,
    minify: true,
    sourcemap: 'linked',
    format: 'esm',
    // Browsers of the last few years (Chromium 111+ is what the browser test runs).
    target: ['chrome111', 'firefox111', 'safari16.4'],
    metafile: true,
    logLevel: 'warning',
    // main.ts -> app.js, app.css -> app.css
    entryNames: 'app',
    tsconfig: join(webRoot, 'tsconfig.json'),
  });
  await copyFile(join(webRoot, 'index.html'), join(outdir, 'index.html'));
  const sizes: Record<string, number> = {};
  for (const [file, out] of Object.entries(result.metafile.outputs))
    if (!file.endsWith('.map')) sizes[file.slice(file.lastIndexOf('/') + 1)] = out.bytes;
  return sizes;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const sizes = await buildWeb();
  const list = Object.entries(sizes)
    .map(([file, bytes]) => `${file} ${(bytes / 1024).toFixed(1)} KB`)
    .join(', ');
  console.log(`web/dist: ${list}, index.html (${Date.now() - started} ms)`);
}
