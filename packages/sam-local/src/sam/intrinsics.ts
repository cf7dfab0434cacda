/**
 * CloudFormation intrinsic functions, resolved against what the local stack knows: template
 * parameters (defaults or overrides), pseudo parameters, and the emulated resources' Ref/GetAtt
 * values. Written by hand: no library evaluates CloudFormation intrinsics outside CloudFormation.
 * Anything it cannot know locally (a resource type it does not emulate, a `{{resolve:...}}`
 * dynamic reference, Fn::If on a condition it was not given) raises Unresolvable, so callers can say which
 * value is missing instead of passing a wrong one on.
 */
import { text, type Json, type JsonObject } from './template.js';

export class Unresolvable extends Error {
  override readonly name = 'Unresolvable';
}

export interface ResourceValues {
  /** What `Ref` returns. */
  ref: string;
  /** What `Fn::GetAtt` returns, by attribute name. */
  attributes: Record<string, string>;
}

export interface IntrinsicContext {
  /** Template parameters and pseudo parameters (AWS::Region, ...), already as strings. */
  parameters: Record<string, string>;
  /** The template's conditions, evaluated (sam/conditions.ts), for Fn::If. */
  conditions?: Readonly<Record<string, boolean>>;
  /** Emulated (or otherwise known) resources by logical id. */
  resources: Record<string, ResourceValues>;
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What `Ref: AWS::NoValue` resolves to: the property (or list item) holding it is removed.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/pseudo-parameter-reference.html#cfn-pseudo-param-novalue
 */
const NO_VALUE = Object.freeze({ 'AWS::NoValue': true }) as unknown as Json;

function refValue(name: string, ctx: IntrinsicContext): string {
  if (name in ctx.parameters) return ctx.parameters[name] as string;
  const resource = ctx.resources[name];
  if (resource) return resource.ref;
  throw new Unresolvable(`Ref ${name} is not known locally`);
}

function getAtt(logicalId: string, attribute: string, ctx: IntrinsicContext): string {
  const resource = ctx.resources[logicalId];
  if (!resource) throw new Unresolvable(`Fn::GetAtt ${logicalId}.${attribute}: ${logicalId} is not emulated`);
  const value = resource.attributes[attribute];
  if (value === undefined)
    throw new Unresolvable(`Fn::GetAtt ${logicalId}.${attribute} is not known locally`);
  return value;
}

function substitute(text: string, vars: Record<string, string>, ctx: IntrinsicContext): string {
  return text.replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
    if (name.startsWith('!')) return `\${${name.slice(1)}}`; // ${!Literal} escapes a ${
    if (name in vars) return vars[name] as string;
    const dot = name.indexOf('.');
    if (dot > 0 && !(name in ctx.parameters)) return getAtt(name.slice(0, dot), name.slice(dot + 1), ctx);
    return refValue(name, ctx);
  });
}

function asString(value: Json): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new Unresolvable(`expected a string, got ${JSON.stringify(value)}`);
}

/** Resolves every intrinsic inside `node`; throws Unresolvable for anything not known locally. */
export function resolveIntrinsics(node: Json, ctx: IntrinsicContext): Json {
  if (Array.isArray(node)) return node.map((n) => resolveIntrinsics(n, ctx)).filter((n) => n !== NO_VALUE);
  if (!isObject(node)) return node;
  const keys = Object.keys(node);
  if (keys.length === 1) {
    const key = keys[0] as string;
    const arg = node[key] as Json;
    switch (key) {
      case 'Ref':
        if (arg === 'AWS::NoValue') return NO_VALUE;
        return refValue(asString(arg), ctx);
      case 'Fn::If': {
        // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-conditions.html#intrinsic-function-reference-conditions-if
        if (!Array.isArray(arg) || arg.length !== 3) throw new Unresolvable('malformed Fn::If');
        const condition = ctx.conditions?.[asString(arg[0] as Json)];
        if (condition === undefined) throw new Unresolvable(`Fn::If: condition ${text(arg[0])} is not known`);
        return resolveIntrinsics(arg[condition ? 1 : 2] as Json, ctx);
      }
      case 'Fn::GetAtt': {
        const [id, attr] = Array.isArray(arg)
          ? arg.map((a) => asString(resolveIntrinsics(a, ctx)))
          : (() => {
              const s = asString(arg);
              return [s.slice(0, s.indexOf('.')), s.slice(s.indexOf('.') + 1)];
            })();
        return getAtt(id ?? '', attr ?? '', ctx);
      }
      case 'Fn::Sub': {
        if (typeof arg === 'string') return substitute(arg, {}, ctx);
        if (Array.isArray(arg) && typeof arg[0] === 'string') {
          const vars = Object.fromEntries(
            Object.entries((arg[1] ?? {}) as JsonObject).map(([k, v]) => [
              k,
              asString(resolveIntrinsics(v, ctx)),
            ]),
          );
          return substitute(arg[0], vars, ctx);
        }
        throw new Unresolvable('malformed Fn::Sub');
      }
      case 'Fn::Join': {
        if (!Array.isArray(arg) || arg.length !== 2) throw new Unresolvable('malformed Fn::Join');
        const parts = resolveIntrinsics(arg[1] as Json, ctx);
        if (!Array.isArray(parts)) throw new Unresolvable('Fn::Join needs a list');
        return parts.map(asString).join(asString(arg[0] as Json));
      }
      case 'Fn::Select': {
        if (!Array.isArray(arg) || arg.length !== 2) throw new Unresolvable('malformed Fn::Select');
        const index = Number(asString(resolveIntrinsics(arg[0] as Json, ctx)));
        const list = resolveIntrinsics(arg[1] as Json, ctx);
        if (!Array.isArray(list) || !(index in list)) throw new Unresolvable('Fn::Select index out of range');
        return list[index] as Json;
      }
      case 'Fn::Split': {
        if (!Array.isArray(arg) || arg.length !== 2) throw new Unresolvable('malformed Fn::Split');
        return asString(resolveIntrinsics(arg[1] as Json, ctx)).split(asString(arg[0] as Json));
      }
      default:
        if (key.startsWith('Fn::') || key === 'Condition')
          throw new Unresolvable(`${key} is not supported locally`);
    }
  }
  return Object.fromEntries(
    Object.entries(node)
      .map(([k, v]) => [k, resolveIntrinsics(v, ctx)] as const)
      .filter(([, v]) => v !== NO_VALUE),
  );
}

/** A resolved value as an environment variable string; dynamic references cannot be resolved locally. */
export function resolveToString(node: Json, ctx: IntrinsicContext): string {
  const text = resolvePropertyString(node, ctx);
  if (text === undefined) throw new Unresolvable('AWS::NoValue where a value is required');
  return text;
}

/**
 * As resolveToString, for a property's value: undefined when it resolves to AWS::NoValue, which
 * removes the property (an environment variable `!If [Cond, X, !Ref AWS::NoValue]` is then unset).
 */
export function resolvePropertyString(node: Json, ctx: IntrinsicContext): string | undefined {
  const value = resolveIntrinsics(node, ctx);
  if (value === NO_VALUE) return undefined;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (/\{\{resolve:[^}]+\}\}/.test(text)) throw new Unresolvable('a {{resolve:...}} dynamic reference');
  return text;
}

/** Whether a value names an emulated resource (Ref/GetAtt/${X} to one of `emulated`). */
export function referencesAny(node: Json, emulated: ReadonlySet<string>): boolean {
  if (Array.isArray(node)) return node.some((n) => referencesAny(n, emulated));
  if (!isObject(node)) return false;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'Ref' && typeof value === 'string' && emulated.has(value)) return true;
    if (key === 'Fn::GetAtt') {
      const id = Array.isArray(value)
        ? value[0]
        : typeof value === 'string'
          ? value.split('.')[0]
          : undefined;
      if (typeof id === 'string' && emulated.has(id)) return true;
    }
    if (key === 'Fn::Sub') {
      const text = typeof value === 'string' ? value : Array.isArray(value) ? value[0] : undefined;
      if (typeof text === 'string') {
        for (const m of text.matchAll(/\$\{([A-Za-z0-9]+)(?:\.[^}]*)?\}/g))
          if (emulated.has(m[1] as string)) return true;
      }
    }
    if (referencesAny(value, emulated)) return true;
  }
  return false;
}

/** Template parameter values: overrides, else Default; pseudo parameters added. */
export function parameterValues(
  parameters: Record<string, JsonObject>,
  overrides: Record<string, string>,
  pseudo: { region: string; accountId: string; stackName: string },
): Record<string, string> {
  const values: Record<string, string> = {
    'AWS::Region': pseudo.region,
    'AWS::AccountId': pseudo.accountId,
    'AWS::Partition': 'aws',
    'AWS::StackName': pseudo.stackName,
    'AWS::StackId': `arn:aws:cloudformation:${pseudo.region}:${pseudo.accountId}:stack/${pseudo.stackName}/local`,
    'AWS::URLSuffix': 'amazonaws.com',
  };
  for (const [name, def] of Object.entries(parameters)) {
    const value = overrides[name] ?? def.Default;
    if (value !== undefined && value !== null)
      values[name] = Array.isArray(value) ? value.map(text).join(',') : text(value);
  }
  for (const name of Object.keys(overrides)) {
    if (!(name in parameters))
      throw new Error(`--parameter-overrides names ${name}, which the template does not declare`);
  }
  return values;
}

/** Logical ids that `node` references (Ref, Fn::GetAtt, ${Id} / ${Id.Attr} in Fn::Sub). */
export function referencedIds(node: Json, into = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => referencedIds(n, into));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'Ref' && typeof v === 'string') into.add(v);
      else if (k === 'Fn::GetAtt') into.add(text(Array.isArray(v) ? v[0] : text(v).split('.')[0]));
      else if (k === 'Fn::Sub') {
        const text = typeof v === 'string' ? v : Array.isArray(v) ? v[0] : '';
        if (typeof text === 'string')
          for (const m of text.matchAll(/\$\{([A-Za-z0-9]+)[.}]/g)) into.add(m[1] as string);
        if (Array.isArray(v)) referencedIds(v[1] ?? null, into);
      } else referencedIds(v, into);
    }
  }
  return into;
}
