/**
 * env.json for `sam local invoke --env-vars` / `sam local start-api --env-vars`: `Parameters` applies
 * to every function, `<LogicalId>` to one, and SAM applies a value only to a variable the template
 * declares for that function. So: exactly the template's functions; no variable a function does not
 * declare; every variable whose template value SAM cannot compute locally (a Ref, GetAtt, Sub or
 * dynamic reference) given a value; and a resource's placeholder naming the stack output to copy.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Json, JsonObject, SamFunction } from 'sam-local/template';
import { isObject } from './json.js';

export function declaredVariables(fn: SamFunction): JsonObject {
  const environment = fn.properties.Environment;
  return isObject(environment) && isObject(environment.Variables) ? environment.Variables : {};
}

/** The resource a variable's template value is (`Ref X` or `Fn::GetAtt X.Attr`), if it is one. */
function resourceValue(value: Json | undefined, resources: Set<string>): string | undefined {
  if (!isObject(value)) return undefined;
  const ref = value.Ref;
  if (typeof ref === 'string' && resources.has(ref)) return ref;
  const att = value['Fn::GetAtt'];
  const target = Array.isArray(att) ? att[0] : undefined;
  return typeof target === 'string' && resources.has(target) ? target : undefined;
}

export function envFileProblems(
  envFile: unknown,
  functions: SamFunction[],
  template: { Resources: Record<string, unknown>; Outputs: Record<string, JsonObject> },
): string[] {
  if (!isObject(envFile)) return ['env.json is not a JSON object'];
  const problems: string[] = [];
  const names = functions.map((f) => f.logicalId);
  for (const key of Object.keys(envFile)) {
    if (key !== 'Parameters' && !names.includes(key))
      problems.push(`${key} is not a function of template.yaml`);
  }
  const shared = envFile.Parameters;
  if (!isObject(shared)) problems.push('Parameters is missing (the values every function shares)');
  const sharedVars = isObject(shared) ? shared : {};
  const resources = new Set(Object.keys(template.Resources));

  for (const fn of functions) {
    const entry = envFile[fn.logicalId];
    if (!isObject(entry)) {
      problems.push(`${fn.logicalId} is missing`);
      continue;
    }
    const declared = declaredVariables(fn);
    for (const [name, value] of Object.entries(entry)) {
      if (!(name in declared))
        problems.push(`${fn.logicalId}.${name}: template.yaml declares no such variable`);
      if (typeof value !== 'string') problems.push(`${fn.logicalId}.${name}: values must be strings`);
    }
    for (const [name, value] of Object.entries(declared)) {
      const given = name in entry ? entry[name] : sharedVars[name];
      if (typeof value !== 'string' && given === undefined)
        problems.push(
          `${fn.logicalId}.${name}: its template value is computed in AWS; env.json must give one`,
        );
      const resource = resourceValue(value, resources);
      if (resource && typeof given === 'string') {
        const outputs = Object.entries(template.Outputs)
          .filter(([, o]) => isDeepStrictEqual(o.Value, value))
          .map(([outputName]) => outputName);
        if (outputs.length === 0)
          problems.push(
            `${fn.logicalId}.${name}: no stack output gives ${resource}'s value to copy into env.json`,
          );
        else if (!outputs.some((o) => given.includes(o)))
          problems.push(
            `${fn.logicalId}.${name}: the placeholder should name the output ${outputs.join(' or ')}`,
          );
      }
    }
  }
  for (const [name, value] of Object.entries(sharedVars)) {
    if (!functions.some((f) => name in declaredVariables(f)))
      problems.push(`Parameters.${name}: no function declares this variable`);
    if (typeof value !== 'string') problems.push(`Parameters.${name}: values must be strings`);
  }
  return problems;
}
