/**
 * Every function of template.yaml builds with the template's own esbuild settings, and the bundle
 * loads the way Lambda loads it: an ES module imported from a file in a fresh Node process, with the
 * environment env.json gives it (no `require`, no source tree). This catches, for example, a CommonJS
 * dependency that needs `require` in an ESM bundle. And tracing stays opt-in: no bundle carries the
 * Tracer or the X-Ray SDK; a bundle imports them, from the Powertools layer, only in a container that
 * traces (src/lib/observability.ts). And each API function carries the request validators of the
 * operations it serves, no other's.
 */
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAll } from '../../scripts/build.js';
import { loadBundle, xrayLoadedBy } from '../support/bundle-load.js';
import { projectRoot } from '../support/paths.js';
import { functionOf, specOperations } from '../support/project.js';
import { publishedSpec } from '../support/published.js';

/** ajv's standalone validator functions (each takes `{instancePath, parentData, parentDataProperty, rootData}`). */
const validatorCount = (code: string) => code.split('parentDataProperty').length - 1;

/**
 * The validator functions of api/validators.js that `groups` reach (a group names validators, a
 * validator may call others for the schemas it references).
 */
function validatorsReached(groups: string[]): Set<string> {
  const source = readFileSync(join(projectRoot, 'api/validators.js'), 'utf8');
  const exported = new Map(
    [...source.matchAll(/export const (\w+) = (validate\d+);/g)].map((m) => [m[1]!, m[2]!]),
  );
  const members = new Map(
    [...source.matchAll(/export const (\w+) = \{([\w,]*)\};/g)].map((m) => [
      m[1]!,
      m[2]!.split(',').filter(Boolean),
    ]),
  );
  const bodies = new Map(
    source.split(/(?=function validate\d+\()/).flatMap((part) => {
      const name = /^function (validate\d+)\(/.exec(part)?.[1];
      return name ? [[name, part] as const] : [];
    }),
  );
  const reached = new Set<string>();
  const visit = (fn: string) => {
    if (reached.has(fn)) return;
    reached.add(fn);
    for (const m of (bodies.get(fn) ?? '').matchAll(/\b(validate\d+)\(/g)) visit(m[1]!);
  };
  for (const group of groups) for (const name of members.get(group) ?? []) visit(exported.get(name)!);
  return reached;
}

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

  it("each API function carries its own operations' validators only", () => {
    const served = new Map<string, string[]>();
    for (const { op } of specOperations()) {
      const fn = functionOf(op);
      if (fn) served.set(fn, [...(served.get(fn) ?? []), op.operationId as string]);
    }
    const carried = built.map((b) => ({
      fn: b.function,
      validators: validatorCount(readFileSync(b.path, 'utf8')),
    }));
    const expected = built.map((b) => {
      const operations = served.get(b.function) ?? [];
      // The submitter also checks each job's payload against its type's schema (src/jobs/types/payloads.ts).
      const groups = operations.includes('submitJob') ? [...operations, 'jobPayloads'] : operations;
      return { fn: b.function, validators: validatorsReached(groups).size };
    });
    expect(carried).toEqual(expected);
    // Not all of them: the test would pass vacuously were every function to carry every validator.
    const all = validatorCount(readFileSync(join(projectRoot, 'api/validators.js'), 'utf8'));
    for (const c of carried) expect(c.validators).toBeLessThan(all);
    expect(carried.some((c) => c.validators > 0)).toBe(true);
  });

  it("each bundle's source map names its sources without carrying their text (SourcesContent 'false')", () => {
    // Lambda runs the bundles with --enable-source-maps (template.yaml Globals), and Node reads and
    // parses the map at load: the sources' text would more than double what it parses.
    for (const b of built) {
      const map = JSON.parse(readFileSync(`${b.path}.map`, 'utf8')) as {
        sources: string[];
        sourcesContent?: unknown;
        mappings: string;
      };
      expect({
        fn: b.function,
        mapped: map.mappings.length > 0 && map.sources.some((s) => s.includes('src/functions/')),
        sourcesContent: map.sourcesContent,
      }).toEqual({ fn: b.function, mapped: true, sourcesContent: undefined });
    }
  });

  it('each bundle imports as ESM in a fresh process and exports its handler', async () => {
    for (const b of built) {
      const result = await loadBundle(b.path, b.function, b.handlerExport);
      expect({ fn: b.function, result }).toEqual({ fn: b.function, result: 'loaded' });
    }
  }, 60_000);

  // Tracing on: Lambda sets AWS_EXECUTION_ENV (Tracing: Active in template.yaml), nothing turns it off.
  const tracing = { AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x' };

  it('no bundle carries the Tracer or the X-Ray SDK: tracing comes from the Powertools layer', () => {
    for (const b of built) {
      const code = readFileSync(b.path, 'utf8');
      expect({ fn: b.function, xraySdk: code.includes('AWSXRay') }).toEqual({
        fn: b.function,
        xraySdk: false,
      });
      expect({
        fn: b.function,
        tracerImport: code.includes('import("@aws-lambda-powertools/tracer")'),
      }).toEqual({
        fn: b.function,
        tracerImport: true,
      });
    }
  });

  it('no bundle evaluates the X-Ray SDK when tracing is off, or when it is on and the layer is missing', async () => {
    const off = [
      {},
      { ...tracing, POWERTOOLS_TRACE_ENABLED: 'false' },
      { ...tracing, AWS_SAM_LOCAL: 'true' },
      tracing, // no layer: the bundle still loads, and runs untraced
    ];
    for (const b of built) {
      for (const env of off)
        expect({ fn: b.function, env, xray: await xrayLoadedBy(b.path, b.function, env) }).toEqual({
          fn: b.function,
          env,
          xray: false,
        });
    }
  }, 120_000);

  it('each bundle evaluates the X-Ray SDK in a Lambda container that traces, with the Powertools layer', async () => {
    // The layer's packages, where the bundle's imports find them (Lambda: /opt/nodejs/node_modules).
    symlinkSync(join(projectRoot, 'node_modules'), join(outDir, 'node_modules'), 'dir');
    for (const b of built) {
      expect({ fn: b.function, xray: await xrayLoadedBy(b.path, b.function, tracing) }).toEqual({
        fn: b.function,
        xray: true,
      });
    }
  }, 120_000);
});
