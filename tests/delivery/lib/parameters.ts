/** Values given to template.yaml's parameters (samconfig.toml, pipeline.yaml), checked as CloudFormation would. */
import type { JsonObject } from 'sam-local/template';
import { text } from './json.js';

/** SAM's `parameter_overrides` string: `Key=Value` or `Key="Value with spaces"`, space-separated. */
export function parameterOverrides(text: string): Record<string, string> {
  return Object.fromEntries(
    [...text.matchAll(/([A-Za-z0-9]+)=("((?:[^"\\]|\\.)*)"|\S*)/g)].map((m) => [m[1], m[3] ?? m[2]]),
  ) as Record<string, string>;
}

/** Why CloudFormation would refuse `value` for a parameter (unknown name, AllowedValues, pattern, bounds). */
export function parameterValueProblems(
  name: string,
  value: string,
  parameters: Record<string, JsonObject>,
  file = 'template.yaml',
): string[] {
  const p = parameters[name];
  if (!p) return [`${name} is not a parameter of ${file}`];
  const problems: string[] = [];
  if (Array.isArray(p.AllowedValues) && !p.AllowedValues.map(String).includes(value))
    problems.push(`${name}=${value} is not one of ${p.AllowedValues.map(text).join(', ')}`);
  if (typeof p.AllowedPattern === 'string' && !new RegExp(p.AllowedPattern).test(value))
    problems.push(`${name}=${value} does not match ${p.AllowedPattern}`);
  if (p.Type === 'Number') {
    const n = Number(value);
    if (Number.isNaN(n)) problems.push(`${name}=${value} is not a number`);
    if (typeof p.MinValue === 'number' && n < p.MinValue)
      problems.push(`${name}=${value} is below ${p.MinValue}`);
    if (typeof p.MaxValue === 'number' && n > p.MaxValue)
      problems.push(`${name}=${value} is above ${p.MaxValue}`);
  }
  return problems;
}

export const overrideProblems = (values: Record<string, string>, parameters: Record<string, JsonObject>) =>
  Object.entries(values).flatMap(([k, v]) => parameterValueProblems(k, v, parameters));
