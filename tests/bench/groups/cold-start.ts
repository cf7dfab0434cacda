/**
 * coldStart: per function of template.yaml, the minified bundle size and the init cost of the bundle
 * in a fresh Node process (spawn -> import -> first invocation with its events/<fn>.json -> exit),
 * against an empty handler bundled with the same esbuild settings, in the same run. The in-process
 * import time is reported beside it. The first invocation runs with the AWS endpoints of `awsEnv`
 * (the local stack's emulators), so a handler that reads a table makes one real round trip; a call
 * to a service the local stack does not emulate fails at once on a closed local port, without
 * retries, so no invocation leaves the machine.
 *
 * The init figure judged is the process's CPU time (user + system, as the process itself counts it),
 * as a ratio of the empty handler's: the work a cold start does, which on this shared machine wall
 * time mixes with waiting for a core. Wall time is reported beside it. Samples are interleaved (one
 * of each bundle per round, the empty handler first), so load that comes and goes hits all alike.
 * Each process gets its function's plain-text template variables (templateVariables), as on Lambda.
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
import { functionsOf, loadTemplate, type SamFunction } from 'sam-local/template';
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
const u = process.resourceUsage();
process.stdout.write(JSON.stringify({ importMs: t1 - t0, invokeMs: t2 - t1, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }));
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
  const inner = JSON.parse(stdout.slice(stdout.lastIndexOf('{'))) as {
    importMs: number;
    invokeMs: number;
    cpuMs: number;
  };
  return { wallMs, ...inner };
}

/**
 * A function's environment variables the template gives as plain text (Globals merged), as Lambda
 * sets them: NODE_OPTIONS=--enable-source-maps among them, so a cold start here parses the bundle's
 * source map as it does on Lambda. Values from intrinsics come from env.json, as for `sam local`.
 */
function templateVariables(fn: SamFunction): Record<string, string> {
  const environment = fn.properties.Environment as { Variables?: Record<string, unknown> } | undefined;
  return Object.fromEntries(
    Object.entries(environment?.Variables ?? {}).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
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
    const functions = new Map(functionsOf(template).map((f) => [f.logicalId, f]));
    const first = [...functions.values()][0]!;
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
    const baseEnv = {
      PATH: process.env.PATH ?? '',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      ...options.awsEnv,
      // Services without an emulator: refused at once by a closed local port, no retries.
      AWS_ENDPOINT_URL: 'http://127.0.0.1:1',
      AWS_MAX_ATTEMPTS: '1',
    };

    interface Target {
      name: string;
      path: string;
      handlerExport: string;
      event: unknown;
      env: Record<string, string>;
      bytes: number;
    }
    const targets: Target[] = [
      {
        name: 'empty',
        path: emptyBundle,
        handlerExport: 'handler',
        event: {},
        env: { ...templateVariables(first), ...baseEnv },
        bytes: 0,
      },
    ];
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
      const fn = functions.get(b.function);
      const env = {
        ...(fn ? templateVariables(fn) : {}),
        ...envJson.Parameters,
        ...envJson[b.function],
        ...baseEnv,
      };
      targets.push({
        name: b.function,
        path: b.path,
        handlerExport: b.handlerExport,
        event,
        env,
        bytes: b.bytes,
      });
    }

    // Interleaved: round r probes every target once, the empty handler first.
    const samples = new Map(targets.map((t) => [t.name, [] as Awaited<ReturnType<typeof probe>>[]]));
    for (let r = 0; r < options.runs; r++) {
      for (const t of targets)
        samples.get(t.name)!.push(await probe(t.path, t.handlerExport, t.event, t.env));
    }
    const medians = (name: string) => {
      const s = samples.get(name)!;
      return {
        wallMs: median(s.map((x) => x.wallMs)),
        cpuMs: median(s.map((x) => x.cpuMs)),
        importMs: median(s.map((x) => x.importMs)),
        invokeMs: median(s.map((x) => x.invokeMs)),
      };
    };

    const empty = medians('empty');
    const figures: Record<string, unknown> = {
      emptyHandler: {
        cpuMs: round(empty.cpuMs),
        wallMs: round(empty.wallMs),
        importMs: round(empty.importMs, 2),
      },
    };
    const checks = [];
    for (const t of targets.slice(1)) {
      const m = medians(t.name);
      const kb = t.bytes / 1024;
      const ratio = m.cpuMs / empty.cpuMs;
      figures[t.name] = {
        bundleKB: round(kb),
        cpuMs: round(m.cpuMs),
        wallMs: round(m.wallMs),
        importMs: round(m.importMs),
        firstInvokeMs: round(m.invokeMs),
        initRatio: round(ratio, 2),
        wallRatio: round(m.wallMs / empty.wallMs, 2),
      };
      checks.push(check(`${t.name} bundle KB`, round(kb), `<= ${BUNDLE_LIMIT_KB}`, kb <= BUNDLE_LIMIT_KB));
      checks.push(
        check(
          `${t.name} init CPU x empty`,
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
        `init = CPU time of a fresh node process that imports the bundle and runs one invocation, median of ${options.runs} interleaved rounds; empty handler: ${round(empty.cpuMs)} ms CPU, ${round(empty.wallMs)} ms wall`,
      ],
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
