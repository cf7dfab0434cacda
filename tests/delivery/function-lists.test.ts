/**
 * Every function of template.yaml has all its parts, and no list of them drifts: an API permission
 * when API Gateway invokes it (it serves an operation of the contract, or is its authorizer), a
 * sample event (events/<handler module>.json), an env.json entry, and an entry module that exports
 * the settings its code reads (src/lib/config.ts). template.yaml declares for it exactly the
 * variables those settings say template.yaml sets (its own Environment, or Globals), every Globals
 * variable is read by some function or by a library, and every integer setting fed by a template
 * parameter has that parameter's bounds.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { build } from 'esbuild';
import { functionBuild } from 'sam-local/esbuild';
import { functionBundles } from '../support/function-bundles.js';
import { text, type JsonObject, type SamFunction } from 'sam-local/template';
import type { Settings } from '../../src/lib/config.js';
import { HTTP_SETTINGS } from '../../src/lib/http/cors.js';
import { projectRoot } from '../support/paths.js';
import { functionOf, rawTemplate, samFunctions, spec, specOperations, template } from '../support/project.js';

/**
 * Globals read by the runtime or a library, not by src/: Node.js reads NODE_OPTIONS; the others are
 * Powertools', read by the Logger (src/lib/observability.ts) and Metrics (src/lib/metrics.ts) every
 * function's bundle carries, which the last test below checks bundle by bundle.
 */
const RUNTIME_VARIABLES = ['NODE_OPTIONS'];
const POWERTOOLS_VARIABLES = [
  'POWERTOOLS_SERVICE_NAME',
  'POWERTOOLS_LOG_LEVEL',
  'POWERTOOLS_METRICS_NAMESPACE',
];
const LIBRARY_VARIABLES = [...RUNTIME_VARIABLES, ...POWERTOOLS_VARIABLES];

interface Parts {
  template: JsonObject & {
    Resources: Record<string, JsonObject>;
    Globals: JsonObject;
    Parameters: JsonObject;
  };
  functions: SamFunction[];
  /** The functions API Gateway invokes: those the contract names. */
  invoked: Set<string>;
  /** The functions that serve operations (they read the HTTP settings too). */
  serving: Set<string>;
  events: Set<string>;
  envJson: Record<string, unknown>;
  settings: Map<string, Settings | undefined>;
}

const asObject = (v: unknown): JsonObject =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : {};
const variablesIn = (node: unknown) => Object.keys(asObject(asObject(asObject(node).Environment).Variables));

export function functionListProblems(parts: Parts): string[] {
  const { template, functions } = parts;
  const problems: string[] = [];
  const permitted = new Set(
    Object.values(template.Resources)
      .filter((r) => r.Type === 'AWS::Lambda::Permission')
      .map((r) => asObject(r.Properties))
      .filter((p) => p.Principal === 'apigateway.amazonaws.com')
      // `Function.Alias` (SAM's AutoPublishAlias) is the function's published alias: still that function.
      .map((p) => text(asObject(p.FunctionName).Ref).replace(/\.Alias$/, '')),
  );
  const globals = variablesIn(asObject(template.Globals).Function);
  const read = new Set<string>();
  for (const fn of functions) {
    const id = fn.logicalId;
    if (parts.invoked.has(id) && !permitted.has(id))
      problems.push(`${id}: API Gateway invokes it without a permission`);
    if (!parts.invoked.has(id) && permitted.has(id))
      problems.push(`${id}: has an API permission it does not need`);
    const event = basename(text(fn.properties.Handler).replace(/\.[^.]+$/, ''));
    if (!parts.events.has(event)) problems.push(`${id}: no sample event events/${event}.json`);
    if (!(id in parts.envJson)) problems.push(`${id}: no env.json entry`);
    const settings = parts.settings.get(id);
    if (!settings) {
      problems.push(`${id}: its entry module exports no settings`);
      continue;
    }
    const all = [...Object.values(settings), ...(parts.serving.has(id) ? Object.values(HTTP_SETTINGS) : [])];
    const fromTemplate = all.filter((s) => s.source === 'template');
    const own = variablesIn(template.Resources[id]?.Properties);
    for (const s of fromTemplate) {
      read.add(s.variable);
      if (!own.includes(s.variable) && !globals.includes(s.variable))
        problems.push(`${id}: its code reads ${s.variable}, which template.yaml does not declare for it`);
    }
    for (const v of own)
      if (!fromTemplate.some((s) => s.variable === v))
        problems.push(`${id}: template.yaml declares ${v}, which its code never reads`);
    const values = asObject(asObject(asObject(template.Resources[id]?.Properties).Environment).Variables);
    for (const s of fromTemplate) {
      const parameter = asObject(values[s.variable]).Ref;
      const declared = typeof parameter === 'string' ? asObject(template.Parameters[parameter]) : undefined;
      if (s.bounds && declared && (declared.MinValue !== s.bounds.min || declared.MaxValue !== s.bounds.max))
        problems.push(
          `${id}: ${s.variable} takes ${s.bounds.min}-${s.bounds.max}, its parameter ${text(parameter)} ${text(declared.MinValue)}-${text(declared.MaxValue)}`,
        );
    }
  }
  for (const g of globals)
    if (!read.has(g) && !LIBRARY_VARIABLES.includes(g))
      problems.push(`Globals declare ${g}, which no function reads`);
  return problems;
}

const entryOf = (fn: SamFunction) =>
  (fn.metadata.BuildProperties as { EntryPoints: string[] }).EntryPoints[0] ?? '';

let parts: Parts;
beforeAll(async () => {
  const operations = specOperations().map(({ op }) => functionOf(op));
  const authorizers = Object.values(
    (spec.components.securitySchemes ?? {}) as Record<string, JsonObject>,
  ).map((s) => functionOf(s));
  const settings = new Map<string, Settings | undefined>();
  for (const fn of samFunctions) {
    const module = (await import(join(projectRoot, entryOf(fn)))) as { settings?: Settings };
    settings.set(fn.logicalId, module.settings);
  }
  parts = {
    template: rawTemplate as Parts['template'],
    functions: samFunctions,
    invoked: new Set([...operations, ...authorizers].filter((f): f is string => !!f)),
    serving: new Set(operations.filter((f): f is string => !!f)),
    events: new Set(
      samFunctions
        .map((f) => basename(text(f.properties.Handler).replace(/\.[^.]+$/, '')))
        .filter((e) => existsSync(join(projectRoot, 'events', `${e}.json`))),
    ),
    envJson: JSON.parse(readFileSync(join(projectRoot, 'env.json'), 'utf8')) as Record<string, unknown>,
    settings,
  };
}, 60_000);

describe('every function of template.yaml', () => {
  it('has its permission, sample event, env.json entry and settings, and template.yaml declares what it reads', () => {
    expect(samFunctions.length).toBeGreaterThan(0);
    expect(functionListProblems(parts)).toEqual([]);
  });

  describe('would catch a mistake', () => {
    const withTemplate = (edit: (t: Parts['template']) => void) => {
      const template = structuredClone(parts.template);
      edit(template);
      return functionListProblems({ ...parts, template });
    };
    const vars = (t: Parts['template'], id: string) =>
      asObject(asObject(asObject(t.Resources[id]!.Properties).Environment).Variables);

    it('a new function with none of its parts', () => {
      const added = {
        ...samFunctions[0]!,
        logicalId: 'ResizeFunction',
        properties: { Handler: 'resize.handler' },
      };
      expect(
        functionListProblems({
          ...parts,
          functions: [...samFunctions, added],
          invoked: new Set([...parts.invoked, 'ResizeFunction']),
        }),
      ).toEqual([
        'ResizeFunction: API Gateway invokes it without a permission',
        'ResizeFunction: no sample event events/resize.json',
        'ResizeFunction: no env.json entry',
        'ResizeFunction: its entry module exports no settings',
      ]);
    });

    it('a variable the code reads that the function does not get, or one it gets and never reads', () => {
      expect(
        withTemplate((t) => {
          delete vars(t, 'JobDlqFunction').JOB_MAX_RECEIVE_COUNT;
          vars(t, 'JobDlqFunction').RESULTS_BUCKET_NAME = 'x';
        }),
      ).toEqual([
        'JobDlqFunction: its code reads JOB_MAX_RECEIVE_COUNT, which template.yaml does not declare for it',
        'JobDlqFunction: template.yaml declares RESULTS_BUCKET_NAME, which its code never reads',
      ]);
    });

    it('a Globals variable nobody reads, and a parameter whose bounds the code does not share', () => {
      expect(
        withTemplate((t) => {
          (asObject(asObject(asObject(t.Globals).Function).Environment).Variables as JsonObject).STAGE =
            'dev';
          asObject(t.Parameters.PresignedUrlExpirySeconds).MaxValue = 7200;
        }),
      ).toEqual([
        'SubmitJobFunction: PRESIGNED_URL_EXPIRY_SECONDS takes 60-3600, its parameter PresignedUrlExpirySeconds 60-7200',
        'JobStatusFunction: PRESIGNED_URL_EXPIRY_SECONDS takes 60-3600, its parameter PresignedUrlExpirySeconds 60-7200',
        'Globals declare STAGE, which no function reads',
      ]);
    });
  });
});

/** The Powertools variables a bundle's code reads: their names survive bundling only where Powertools' code reading them does. */
async function powertoolsVariablesRead(fn: SamFunction, entry?: string): Promise<string[]> {
  let code: string;
  if (entry) {
    const plan = functionBuild(template, fn, join(projectRoot, 'dist', '.variables-check', fn.logicalId));
    const out = await build({ ...plan.options, entryPoints: [join(projectRoot, entry)], write: false });
    code = out.outputFiles
      .filter((f) => /\.m?js$/.test(f.path))
      .map((f) => f.text)
      .join('\n');
  } else code = (await functionBundles()).get(fn.logicalId)!.code;
  return POWERTOOLS_VARIABLES.filter((v) => code.includes(`"${v}"`) || code.includes(`'${v}'`));
}

describe('the Powertools variables Globals give every function are read by the Powertools code its bundle carries', () => {
  it.each(samFunctions.map((fn) => [fn.logicalId, fn] as const))('%s', async (_, fn) => {
    expect(await powertoolsVariablesRead(fn)).toEqual(POWERTOOLS_VARIABLES);
  });

  it('would catch a function that logs but records no metrics (it never reads the namespace)', async () => {
    expect(await powertoolsVariablesRead(samFunctions[0]!, 'src/lib/observability.ts')).toEqual([
      'POWERTOOLS_SERVICE_NAME',
      'POWERTOOLS_LOG_LEVEL',
    ]);
  });
});
