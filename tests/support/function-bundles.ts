/**
 * Every function of template.yaml bundled in memory with its own `sam build` settings, for suites
 * that read what a bundle carries (its code, esbuild's metafile). Functions whose settings differ
 * only in their entry points are bundled in one esbuild run, which parses each shared module (the
 * AWS SDK, Powertools) once: 2-3x faster than a run per function. Memoized per test file.
 */
import { basename, join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { functionBuild, type FunctionBuild } from 'sam-local/esbuild';
import { projectRoot } from './paths.js';
import { samFunctions, template } from './project.js';

export interface FunctionBundle {
  /** The handler file's code. */
  code: string;
  /** The modules in it, as esbuild's metafile lists them for that output. */
  inputs: Metafile['outputs'][string]['inputs'];
}

let bundles: Promise<Map<string, FunctionBundle>> | undefined;

async function bundleAll(): Promise<Map<string, FunctionBundle>> {
  // One folder for all: each bundle is named after its entry point, and those are distinct.
  const outdir = join(projectRoot, 'dist', '.bundles-check');
  const plans = samFunctions.map((fn) => functionBuild(template, fn, outdir));
  const groups = new Map<string, FunctionBuild[]>();
  for (const plan of plans) {
    const key = JSON.stringify({ ...plan.options, entryPoints: [] });
    groups.set(key, [...(groups.get(key) ?? []), plan]);
  }
  const result = new Map<string, FunctionBundle>();
  for (const group of groups.values()) {
    const out = await build({
      ...group[0]!.options,
      entryPoints: group.flatMap((p) => p.entryPoints),
      write: false,
    });
    for (const plan of group) {
      const name = basename(plan.handlerFile);
      const file = out.outputFiles.find((f) => f.path === plan.handlerFile);
      const meta = Object.entries(out.metafile?.outputs ?? {}).find(([k]) => basename(k) === name)?.[1];
      if (!file || !meta) throw new Error(`${plan.logicalId}: no ${name} in the build's outputs`);
      result.set(plan.logicalId, { code: file.text, inputs: meta.inputs });
    }
  }
  return result;
}

/** Each function's bundle, by logical id. */
export function functionBundles(): Promise<Map<string, FunctionBundle>> {
  return (bundles ??= bundleAll());
}
