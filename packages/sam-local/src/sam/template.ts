/**
 * A SAM template as the local runner and the build need it: parsed with CloudFormation tags,
 * `Fn::Transform: AWS::Include` inlined (SAM CLI resolves Location against the working directory;
 * here it is the template's folder, and openapi.yaml sits beside template.yaml so both agree), and
 * each function's properties merged over Globals.Function as SAM does.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseCloudFormationYaml } from './cfn-yaml.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface Resource {
  Type: string;
  Properties?: JsonObject;
  Metadata?: JsonObject;
  DependsOn?: Json;
  /** A condition name of the template's Conditions (sam/conditions.ts). */
  Condition?: Json;
}

export interface SamTemplate {
  path: string;
  dir: string;
  /** The template as written (AWS::Include not inlined, Globals not merged). */
  raw: JsonObject;
  /** Files inlined through AWS::Include (the API definition), for watchers. */
  includes: string[];
  Parameters: Record<string, JsonObject>;
  Conditions?: Record<string, Json>;
  Globals: JsonObject;
  Resources: Record<string, Resource>;
  Outputs: Record<string, JsonObject>;
}

export interface SamFunction {
  logicalId: string;
  properties: JsonObject;
  metadata: JsonObject;
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses CloudFormation YAML (parseCloudFormationYaml, or a cache of it). */
export type YamlParser = (text: string) => unknown;

function inlineIncludes(node: Json, baseDir: string, parse: YamlParser, files: string[] = []): Json {
  if (Array.isArray(node)) return node.map((n) => inlineIncludes(n, baseDir, parse, files));
  if (!isObject(node)) return node;
  const transform = node['Fn::Transform'];
  if (isObject(transform) && transform.Name === 'AWS::Include' && Object.keys(node).length === 1) {
    const params = transform.Parameters;
    const location = isObject(params) ? params.Location : undefined;
    if (typeof location !== 'string') throw new Error('AWS::Include without a Parameters.Location string');
    if (/^s3:\/\//.test(location))
      throw new Error(`AWS::Include from S3 (${location}) cannot be read locally`);
    const file = resolve(baseDir, location);
    files.push(file);
    return inlineIncludes(parse(readFileSync(file, 'utf8')) as Json, dirname(file), parse, files);
  }
  return Object.fromEntries(
    Object.entries(node).map(([k, v]) => [k, inlineIncludes(v, baseDir, parse, files)]),
  );
}

export function loadTemplate(path: string, parse: YamlParser = parseCloudFormationYaml): SamTemplate {
  const file = resolve(path);
  const dir = dirname(file);
  const raw = parse(readFileSync(file, 'utf8'));
  if (!isObject(raw)) throw new Error(`${file} is not a YAML mapping`);
  const includes: string[] = [];
  const doc = inlineIncludes(raw, dir, parse, includes) as JsonObject;
  return {
    path: file,
    dir,
    raw,
    includes,
    Parameters: (doc.Parameters ?? {}) as Record<string, JsonObject>,
    Conditions: (doc.Conditions ?? {}) as Record<string, Json>,
    Globals: (doc.Globals ?? {}) as JsonObject,
    Resources: (doc.Resources ?? {}) as unknown as Record<string, Resource>,
    Outputs: (doc.Outputs ?? {}) as Record<string, JsonObject>,
  };
}

/** SAM's Globals merge: maps merge key by key (recursively), anything else is replaced. */
export function mergeGlobals(globals: Json | undefined, own: Json | undefined): Json {
  if (own === undefined) return globals ?? null;
  if (isObject(globals) && isObject(own)) {
    const out: JsonObject = { ...globals };
    for (const [k, v] of Object.entries(own)) out[k] = mergeGlobals(globals[k], v);
    return out;
  }
  return own;
}

export function functionsOf(template: SamTemplate): SamFunction[] {
  const globalProps = (template.Globals.Function ?? {}) as JsonObject;
  return Object.entries(template.Resources)
    .filter(([, r]) => r.Type === 'AWS::Serverless::Function')
    .map(([logicalId, r]) => ({
      logicalId,
      properties: mergeGlobals(globalProps, r.Properties ?? {}) as JsonObject,
      metadata: r.Metadata ?? {},
    }));
}

/**
 * A function's `Handler` as the Node.js runtime reads it, `<module>.<export>` split at the last dot
 * (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html). Throws naming the function when
 * it has no module or no export.
 */
export function handlerOf(fn: SamFunction): { handler: string; module: string; exportName: string } {
  const handler = typeof fn.properties.Handler === 'string' ? fn.properties.Handler : '';
  const dot = handler.lastIndexOf('.');
  if (dot <= 0 || dot === handler.length - 1)
    throw new Error(`${fn.logicalId}: Handler ${handler || '(none)'} is not <module>.<export>`);
  return { handler, module: handler.slice(0, dot), exportName: handler.slice(dot + 1) };
}

/** A template value as text: scalars as themselves, anything else as JSON (never "[object Object]"). */
export function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value === undefined || value === null ? '' : JSON.stringify(value);
}
