/**
 * The part of SAM's transform the local runner needs before it creates anything, applied to the
 * active template (after Conditions): SimpleTables as DynamoDB tables (sam/simple-table.ts), the
 * REST APIs generated from functions' Api events (sam/implicit-api.ts), and the notes on what a
 * template declares that has no local effect (IAM policies and SAM policy templates: no IAM
 * locally, every function may call every emulated resource). Templates without these pass through
 * unchanged. The API import check reads the template as written, before this.
 */
import { plain, propertyRule, RULES } from '../explain/rules.js';
import { generatedApis } from './implicit-api.js';
import { SIMPLE_TABLE, simpleTableAsTable } from './simple-table.js';
import { functionsOf, type Json, type Resource, type SamTemplate } from './template.js';

export interface TransformedTemplate {
  template: SamTemplate;
  /** Declared but not emulated: printed as warnings at start. */
  notes: string[];
}

/**
 * The SAM policy templates (by name) and managed policies of a function's Policies. Inline
 * statements are left out: like the IAM roles already named at start, they mean nothing locally.
 */
function policyNames(policies: Json | undefined): string[] {
  const list = Array.isArray(policies) ? policies : policies === undefined ? [] : [policies];
  return list.flatMap((p) => {
    if (typeof p === 'string') return [p];
    if (p && typeof p === 'object' && !Array.isArray(p) && !('Statement' in p)) {
      const key = Object.keys(p)[0];
      return key && !key.startsWith('Fn::') && key !== 'Ref' ? [key] : ['a managed policy'];
    }
    return [];
  });
}

export function samTransform(template: SamTemplate): TransformedTemplate {
  const resources: Record<string, Resource> = {};
  for (const [id, r] of Object.entries(template.Resources))
    resources[id] = r.Type === SIMPLE_TABLE ? simpleTableAsTable(r) : r;
  const apis = generatedApis(template);
  Object.assign(resources, apis.resources);

  const ignored = functionsOf(template)
    .map((fn) => ({ id: fn.logicalId, names: policyNames(fn.properties.Policies) }))
    .filter((f) => f.names.length > 0)
    .map((f) => `${f.id} (${f.names.join(', ')})`);
  const notes = [...apis.notes];
  // SAM policy templates expand to IAM policies
  // (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-policy-templates.html):
  // nothing to enforce without IAM. Why, from the explain table.
  if (ignored.length > 0)
    notes.push(
      `Policies ignored (${plain(propertyRule(RULES.resources, 'AWS::Serverless::Function', 'Policies').how)}): ${ignored.join('; ')}`,
    );
  return { template: { ...template, Resources: resources }, notes };
}
