/**
 * SAM's esbuild build (Metadata.BuildMethod: esbuild) mapped onto esbuild's API, so a build script
 * and the local runner bundle each function exactly as `sam build` would: same entry points, format,
 * minification, source maps, target and output extension.
 */
import { basename, extname, join, resolve } from 'node:path';
import type { BuildOptions } from 'esbuild';
import { handlerOf, type Json, type JsonObject, type SamFunction, type SamTemplate } from './template.js';

export interface FunctionBuild {
  logicalId: string;
  entryPoints: string[];
  /** The file Lambda loads for this function's Handler, inside outdir. */
  handlerFile: string;
  handlerExport: string;
  options: BuildOptions;
}

const asStrings = (v: Json | undefined): string[] =>
  Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v.split(',').map((s) => s.trim()) : [];
const asBool = (v: Json | undefined, fallback: boolean): boolean =>
  v === undefined ? fallback : v === true || v === 'true';

export function functionBuild(template: SamTemplate, fn: SamFunction, outdir: string): FunctionBuild {
  if (fn.metadata.BuildMethod !== 'esbuild') {
    throw new Error(`${fn.logicalId}: only Metadata.BuildMethod esbuild is supported`);
  }
  const props = (fn.metadata.BuildProperties ?? {}) as JsonObject;
  const codeUri = resolve(
    template.dir,
    typeof fn.properties.CodeUri === 'string' ? fn.properties.CodeUri : '.',
  );
  const entryPoints = asStrings(props.EntryPoints).map((e) => resolve(codeUri, e));
  if (entryPoints.length === 0) throw new Error(`${fn.logicalId}: BuildProperties.EntryPoints is empty`);

  const format = props.Format === 'esm' ? 'esm' : 'cjs';
  const outExtension: Record<string, string> = {};
  for (const pair of asStrings(props.OutExtension)) {
    const [from, to] = pair.split('=');
    if (from && to) outExtension[from] = to;
  }
  const banner: Record<string, string> = {};
  for (const pair of asStrings(props.Banner)) {
    const at = pair.indexOf('=');
    if (at > 0) banner[pair.slice(0, at)] = pair.slice(at + 1);
  }
  const { handler, module: handlerModule, exportName } = handlerOf(fn);
  const jsExt = outExtension['.js'] ?? '.js';
  const entryNames = entryPoints.map((e) => basename(e, extname(e)));
  if (!entryNames.includes(basename(handlerModule))) {
    throw new Error(`${fn.logicalId}: Handler ${handler} names no entry point (${entryNames.join(', ')})`);
  }

  return {
    logicalId: fn.logicalId,
    entryPoints,
    handlerFile: join(outdir, `${handlerModule}${jsExt}`),
    handlerExport: exportName,
    options: {
      entryPoints,
      outdir,
      bundle: true,
      platform: 'node',
      format,
      target: typeof props.Target === 'string' ? props.Target : 'es2022',
      minify: asBool(props.Minify, false),
      sourcemap: asBool(props.Sourcemap, false),
      // SAM hands each property to the esbuild CLI by its type (aws-lambda-builders'
      // nodejs_npm_esbuild/esbuild.py): the string 'false' becomes --sources-content=false, while a
      // YAML boolean false adds no flag at all, leaving esbuild's default, the sources included
      // (https://esbuild.github.io/api/#sources-content).
      sourcesContent: props.SourcesContent !== 'false',
      outExtension,
      banner,
      external: asStrings(props.External),
      // SAM passes --main-fields only when MainFields is set; otherwise esbuild's default for
      // platform node applies, main before module (aws-lambda-builders' nodejs_npm_esbuild/esbuild.py,
      // https://github.com/aws/aws-lambda-builders; https://esbuild.github.io/api/#main-fields).
      mainFields: props.MainFields === undefined ? ['main', 'module'] : asStrings(props.MainFields),
      metafile: true,
      logLevel: 'silent',
    },
  };
}
