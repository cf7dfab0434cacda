/**
 * Every name a CloudFormation template refers to must be declared: `Ref`, `Fn::GetAtt`, the
 * `${...}` of `Fn::Sub`, `Fn::If` and `Condition` names, `DependsOn`. cfn-lint checks this for the
 * template itself, but it cannot open an `AWS::Include` (it lints a placeholder body instead), so
 * the integration URIs and CORS values of the included api/gateway.yaml would go unchecked without this walk.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseCloudFormationYaml, type Json, type JsonObject } from 'sam-local/template';
import { isObject } from './json.js';

export const PSEUDO_PARAMETERS = [
  'AWS::AccountId',
  'AWS::NoValue',
  'AWS::NotificationARNs',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
];

const keysOf = (v: Json | undefined): string[] => (isObject(v) ? Object.keys(v) : []);

/**
 * The logical ids the SAM transform generates that a template may name, handled one by one (no
 * guessing): a function's `<Id>Role` (unless it brings its own Role), an event source's
 * `<Id><EventName>`, an API's stage (`<Id>Stage` when StageName is not a literal, else
 * `<Id><StageName>Stage`) and the `<Id>.Stage` / `<Id>.Deployment` references; a function's
 * AutoPublishAlias alias `<Id>Alias<name>` (`-` and `_` of the name spelled D and U) with the
 * `<Id>.Alias` / `<Id>.Version` references, and with a DeploymentPreference its `<Id>DeploymentGroup`,
 * the `ServerlessDeploymentApplication` and the `CodeDeployServiceRole`
 * (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-generated-resources-function.html).
 */
export function samGeneratedIds(doc: JsonObject): string[] {
  const ids: string[] = [];
  for (const [id, resource] of Object.entries((doc.Resources ?? {}) as JsonObject)) {
    if (!isObject(resource)) continue;
    const props = isObject(resource.Properties) ? resource.Properties : {};
    if (resource.Type === 'AWS::Serverless::Function') {
      if (props.Role === undefined) ids.push(`${id}Role`);
      for (const event of keysOf(props.Events)) ids.push(`${id}${event}`);
      if (typeof props.AutoPublishAlias === 'string') {
        const name = props.AutoPublishAlias.replace(/-/g, 'D').replace(/_/g, 'U');
        ids.push(`${id}Alias${name}`, `${id}.Alias`, `${id}.Version`);
        if (isObject(props.DeploymentPreference) && props.DeploymentPreference.Enabled !== false)
          ids.push(`${id}DeploymentGroup`, 'ServerlessDeploymentApplication', 'CodeDeployServiceRole');
      }
    }
    if (resource.Type === 'AWS::Serverless::Api') {
      const stage = props.StageName;
      ids.push(
        typeof stage === 'string' ? `${id}${stage}Stage` : `${id}Stage`,
        `${id}.Stage`,
        `${id}.Deployment`,
      );
    }
  }
  return [...new Set(ids)];
}

/** The documents a template pulls in with `Fn::Transform: AWS::Include` from local files. */
export function includedDocuments(doc: Json, baseDir: string): { location: string; doc: Json }[] {
  const found: { location: string; doc: Json }[] = [];
  const visit = (node: Json): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isObject(node)) return;
    const transform = node['Fn::Transform'];
    if (isObject(transform) && transform.Name === 'AWS::Include') {
      const location = isObject(transform.Parameters) ? transform.Parameters.Location : undefined;
      if (typeof location === 'string' && !location.startsWith('s3://')) {
        const file = resolve(baseDir, location);
        const included = parseCloudFormationYaml(readFileSync(file, 'utf8')) as Json;
        found.push({ location, doc: included }, ...includedDocuments(included, dirname(file)));
      }
    }
    Object.values(node).forEach(visit);
  };
  visit(doc);
  return found;
}

interface Scope {
  parameters: Set<string>;
  resources: Set<string>;
  conditions: Set<string>;
}

function subNames(text: string): string[] {
  return [...text.matchAll(/\$\{([^}]+)\}/g)].map((m) => m[1] as string).filter((n) => !n.startsWith('!'));
}

function walk(node: Json, path: string, scope: Scope, problems: string[], locals = new Set<string>()): void {
  if (Array.isArray(node)) {
    node.forEach((n, i) => walk(n, `${path}/${i}`, scope, problems, locals));
    return;
  }
  if (!isObject(node)) return;
  const isValue = (name: string) =>
    scope.parameters.has(name) || scope.resources.has(name) || PSEUDO_PARAMETERS.includes(name);

  for (const [key, value] of Object.entries(node)) {
    const at = `${path}/${key}`;
    if (key === 'Ref' && typeof value === 'string') {
      if (!isValue(value)) problems.push(`${at}: Ref ${value} names no parameter or resource`);
    } else if (key === 'Fn::GetAtt') {
      const target = Array.isArray(value)
        ? value[0]
        : typeof value === 'string'
          ? value.split('.')[0]
          : undefined;
      if (typeof target !== 'string' || !scope.resources.has(target))
        problems.push(`${at}: Fn::GetAtt ${JSON.stringify(value)} names no resource`);
    } else if (key === 'Fn::Sub') {
      const [text, vars] = Array.isArray(value) ? [value[0], value[1]] : [value, undefined];
      const own = new Set([...locals, ...keysOf(vars)]);
      for (const name of typeof text === 'string' ? subNames(text) : []) {
        const dot = name.indexOf('.');
        const ok = own.has(name) || (dot > 0 ? scope.resources.has(name.slice(0, dot)) : isValue(name));
        if (!ok) problems.push(`\${${name}} in ${at} names no parameter, resource or attribute`);
      }
      if (vars !== undefined) walk(vars, at, scope, problems, locals);
      continue;
    } else if (key === 'Fn::If' && Array.isArray(value) && typeof value[0] === 'string') {
      if (!scope.conditions.has(value[0]))
        problems.push(`${at}: Fn::If condition ${value[0]} is not declared`);
      value.slice(1).forEach((n, i) => walk(n, `${at}/${i + 1}`, scope, problems, locals));
      continue;
    } else if (key === 'Condition' && typeof value === 'string') {
      if (!scope.conditions.has(value)) problems.push(`${at}: condition ${value} is not declared`);
    } else if (key === 'DependsOn') {
      for (const target of Array.isArray(value) ? value : [value]) {
        if (typeof target !== 'string' || !scope.resources.has(target))
          problems.push(`${at}: DependsOn ${JSON.stringify(target)} names no resource`);
      }
    }
    walk(value, at, scope, problems, locals);
  }
}

/** Unresolved names in a template (and the documents it includes), each with where it is. */
export function referenceProblems(
  doc: JsonObject,
  options: { included?: { location: string; doc: Json }[]; generatedIds?: string[] } = {},
): string[] {
  const scope: Scope = {
    parameters: new Set(keysOf(doc.Parameters)),
    resources: new Set([...keysOf(doc.Resources), ...(options.generatedIds ?? samGeneratedIds(doc))]),
    conditions: new Set(keysOf(doc.Conditions)),
  };
  const problems: string[] = [];
  for (const section of ['Rules', 'Conditions', 'Globals', 'Resources', 'Outputs']) {
    walk(doc[section] ?? null, `/${section}`, scope, problems);
  }
  for (const { location, doc: included } of options.included ?? []) walk(included, location, scope, problems);
  return problems;
}
