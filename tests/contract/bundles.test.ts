/**
 * Every function of template.yaml builds with the template's own esbuild settings, and the bundle
 * loads the way Lambda loads it: an ES module imported from a file in a fresh Node process, with the
 * environment env.json gives it (no `require`, no source tree). This catches, for example, a CommonJS
 * dependency that needs `require` in an ESM bundle.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pathToFileURL } from 'node:url';
import { buildAll } from '../../scripts/build.js';
import { projectRoot } from '../support/paths.js';
import { publishedSpec } from '../support/published.js';

const run = promisify(execFile);
const envJson = JSON.parse(readFileSync(join(projectRoot, 'env.json'), 'utf8')) as Record<
  string,
  Record<string, string>
>;

describe('function bundles', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'bundles-'));
  let built: Awaited<ReturnType<typeof buildAll>> = [];

  beforeAll(async () => {
    built = await buildAll(outDir);
  }, 120_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('builds one bundle per function', () => {
    expect(built.length).toBeGreaterThan(0);
    for (const b of built) expect(b.bytes).toBeGreaterThan(0);
  });

  it('only OpenApiFunction carries the published spec: handlers read the operations table', () => {
    // The document's own description appears nowhere else (not in the validators or the table).
    const marker = String((publishedSpec.info as { description: string }).description).slice(0, 60);
    const carrying = built
      .filter((b) => readFileSync(b.path, 'utf8').includes(marker))
      .map((b) => b.function);
    expect(carrying).toEqual(['OpenApiFunction']);
  });

  it('each bundle imports as ESM in a fresh process and exports its handler', async () => {
    for (const b of built) {
      const env = {
        PATH: process.env.PATH,
        AWS_REGION: 'us-east-1',
        ...envJson.Parameters,
        ...envJson[b.function],
        POWERTOOLS_LOG_LEVEL: 'SILENT',
      };
      const script = `const m = await import(${JSON.stringify(pathToFileURL(b.path).href)}); if (typeof m.${b.handlerExport} !== 'function') { console.error('no handler export'); process.exit(3); }`;
      const result = await run(process.execPath, ['--input-type=module', '-e', script], {
        env,
        cwd: tmpdir(),
      }).then(
        () => 'loaded',
        (e: { stderr?: string }) =>
          `failed: ${e.stderr?.split('\n').find((l) => /Error/.test(l)) ?? e.stderr}`,
      );
      expect({ fn: b.function, result }).toEqual({ fn: b.function, result: 'loaded' });
    }
  }, 60_000);
});
