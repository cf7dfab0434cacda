/**
 * coldStart: per function of template.yaml, the minified bundle size and the init cost of the bundle
 * in a fresh Node process (spawn -> import -> first invocation with its events/<fn>.json -> exit),
 * against an empty handler bundled with the same esbuild settings, in the same run. The in-process
 * import time is reported beside it. The first invocation runs with the AWS endpoints of `awsEnv`
 * (the local stack's emulators), so a handler that reads a table makes one real round trip.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { buildAll } from '../../../scripts/build.js';
import { functionBuild } from 'sam-local/esbuild';
import { functionsOf, loadTemplate } from 'sam-local/template';
import { projectRoot } from '../../support/paths.js';
import { check, type GroupResult } from '../report.js';
import { median, round } from '../stats.js';

const run = promisify(execFile);
// Issue 15's goals: every bundle <= 400 KB minified, init <= 1.5x the empty handler's.
const BUNDLE_LIMIT_KB = 400;
const INIT_RATIO_GOAL = 1.5;

const PROBE = `
const t0 = performance.now();
const m = await import(process.env.BUNDLE_URL);
const t1 = performance.now();
const event = JSON.parse(process.env.EVENT_JSON || '{}');
try { await m[process.env.HANDLER_EXPORT](event, { functionName: 'bench', awsRequestId: 'bench', getRemainingTimeInMillis: () => 10000 }); } catch {}
const t2 = performance.now();
process.stdout.write(JSON.stringify({ importMs: t1 - t0, invokeMs: t2 - t1 }));
`;

async function probe(bundle: string, handlerExport: string, event: unknown, env: Record<string, string>) {
  const started = performance.now();
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', PROBE], {
    env: {
      ...env,
      BUNDLE_URL: pathToFileURL(bundle).href,
      HANDLER_EXPORT: handlerExport,
      EVENT_JSON: JSON.stringify(event),
    },
    cwd: tmpdir(),
  });
  const wallMs = performance.now() - started;
  const inner = JSON.parse(stdout.slice(stdout.lastIndexOf('{'))) as { importMs: number; invokeMs: number };
  return { wallMs, ...inner };
}

export async function coldStart(options: {
  runs: number;
  awsEnv: Record<string, string>;
}): Promise<GroupResult> {
  const out = mkdtempSync(join(tmpdir(), 'bench-cold-'));
  try {
    const template = loadTemplate(join(projectRoot, 'template.yaml'));
    const bundles = await buildAll(join(out, 'functions'));

    // The empty handler, bundled with the first function's exact build settings.
    const first = functionsOf(template)[0]!;
    const emptyDir = join(out, 'empty');
    mkdirSync(emptyDir, { recursive: true });
    const emptySrc = join(emptyDir, 'empty.ts');
    writeFileSync(emptySrc, 'export const handler = async () => ({ statusCode: 200, body: "{}" });\n');
    const firstBuild = functionBuild(template, first, join(emptyDir, 'dist'));
    await build({ ...firstBuild.options, entryPoints: [emptySrc] });
    const emptyBundle = join(
      emptyDir,
      'dist',
      `empty${firstBuild.handlerFile.slice(firstBuild.handlerFile.lastIndexOf('.'))}`,
    );

    const envJson = JSON.parse(readFileSync(join(projectRoot, 'env.json'), 'utf8')) as Record<
      string,
      Record<string, string>
    >;
    const baseEnv = { PATH: process.env.PATH ?? '', POWERTOOLS_LOG_LEVEL: 'SILENT', ...options.awsEnv };

    const measure = async (
      bundle: string,
      handlerExport: string,
      event: unknown,
      env: Record<string, string>,
    ) => {
      const samples = [];
      for (let i = 0; i < options.runs; i++) samples.push(await probe(bundle, handlerExport, event, env));
      return {
        wallMs: median(samples.map((s) => s.wallMs)),
        importMs: median(samples.map((s) => s.importMs)),
        invokeMs: median(samples.map((s) => s.invokeMs)),
      };
    };

    const empty = await measure(emptyBundle, 'handler', {}, baseEnv);
    const figures: Record<string, unknown> = {
      emptyHandler: { wallMs: round(empty.wallMs), importMs: round(empty.importMs, 2) },
    };
    const checks = [];
    for (const b of bundles) {
      const eventName = b.file
        .split('/')
        .pop()!
        .replace(/\.m?js$/, '');
      let event: unknown = {};
      try {
        event = JSON.parse(readFileSync(join(projectRoot, 'events', `${eventName}.json`), 'utf8'));
      } catch {
        // no sample event: the first invocation gets {}
      }
      const env = {
        ...baseEnv,
        ...envJson.Parameters,
        ...envJson[b.function],
        ...options.awsEnv,
        POWERTOOLS_LOG_LEVEL: 'SILENT',
      };
      const m = await measure(b.path, b.handlerExport, event, env);
      const kb = b.bytes / 1024;
      const ratio = m.wallMs / empty.wallMs;
      figures[b.function] = {
        bundleKB: round(kb),
        wallMs: round(m.wallMs),
        importMs: round(m.importMs),
        firstInvokeMs: round(m.invokeMs),
        initRatio: round(ratio, 2),
      };
      checks.push(
        check(`${b.function} bundle KB`, round(kb), `<= ${BUNDLE_LIMIT_KB}`, kb <= BUNDLE_LIMIT_KB),
      );
      checks.push(
        check(
          `${b.function} init x empty`,
          round(ratio, 2),
          `<= ${INIT_RATIO_GOAL}`,
          ratio <= INIT_RATIO_GOAL,
        ),
      );
    }
    return {
      figures,
      checks,
      notes: [
        `init = wall time of a fresh node process that imports the bundle and runs one invocation (median of ${options.runs}); empty handler: ${round(empty.wallMs)} ms`,
      ],
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
