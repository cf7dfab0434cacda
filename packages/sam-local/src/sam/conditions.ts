/**
 * Template Conditions, evaluated as CloudFormation evaluates them when it creates or updates a
 * stack: each condition from the parameter values (Fn::Equals, Fn::Not, Fn::And, Fn::Or and
 * Condition), a resource or output whose Condition is false is not created, and Fn::If picks its
 * branch (sam/intrinsics.ts).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/conditions-section-structure.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-conditions.html
 * Written by hand, as the rest of the intrinsics: no library evaluates them outside CloudFormation.
 */
import { resolveIntrinsics, Unresolvable, type IntrinsicContext } from './intrinsics.js';
import { text, type Json, type JsonObject, type SamTemplate } from './template.js';

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every condition of `conditions` as true or false; throws naming the condition it cannot evaluate. */
export function evaluateConditions(
  conditions: Record<string, Json> | undefined,
  ctx: Pick<IntrinsicContext, 'parameters'>,
): Record<string, boolean> {
  const values: Record<string, boolean> = {};
  const evaluating = new Set<string>();
  const scalar = (v: Json) => text(resolveIntrinsics(v, { parameters: ctx.parameters, resources: {} }));

  function named(name: string): boolean {
    const known = values[name];
    if (known !== undefined) return known;
    const definition = conditions?.[name];
    if (definition === undefined) throw new Unresolvable(`no condition ${name} in the template`);
    if (evaluating.has(name)) throw new Unresolvable(`condition ${name} refers to itself`);
    evaluating.add(name);
    const value = evaluate(definition);
    evaluating.delete(name);
    values[name] = value;
    return value;
  }

  function evaluate(node: Json): boolean {
    if (!isObject(node) || Object.keys(node).length !== 1)
      throw new Unresolvable(`not a condition function: ${JSON.stringify(node)}`);
    const [fn, arg] = Object.entries(node)[0] as [string, Json];
    const list = Array.isArray(arg) ? arg : [];
    switch (fn) {
      case 'Condition':
        return named(text(arg));
      case 'Fn::Equals':
        if (list.length !== 2) throw new Unresolvable('Fn::Equals takes two values');
        return scalar(list[0] as Json) === scalar(list[1] as Json);
      case 'Fn::Not':
        if (list.length !== 1) throw new Unresolvable('Fn::Not takes one condition');
        return !evaluate(list[0] as Json);
      case 'Fn::And':
        return list.map(evaluate).every(Boolean);
      case 'Fn::Or':
        return list.map(evaluate).some(Boolean);
      default:
        throw new Unresolvable(`${fn} is not a condition function`);
    }
  }

  for (const name of Object.keys(conditions ?? {})) {
    try {
      named(name);
    } catch (e) {
      throw new Error(`template condition ${name}: ${(e as Error).message}`, { cause: e });
    }
  }
  return values;
}

/** The template as CloudFormation would create it: without the resources and outputs whose Condition is false. */
export function activeTemplate(template: SamTemplate, conditions: Record<string, boolean>): SamTemplate {
  const active = (entry: { Condition?: Json }) =>
    entry.Condition === undefined || conditions[text(entry.Condition)] === true;
  return {
    ...template,
    Resources: Object.fromEntries(Object.entries(template.Resources).filter(([, r]) => active(r))),
    Outputs: Object.fromEntries(Object.entries(template.Outputs).filter(([, o]) => active(o))),
  };
}
