/**
 * `sam-local explain`: what a template (and its API definition) uses, each part looked up in the
 * one table of rules (rules.ts) as emulated, approximated or ignored; a type, property, event
 * source or extension the table does not know is ignored, by name. Resources are listed as written
 * (a SimpleTable as itself); the REST APIs SAM generates from Api events (sam/transform.ts, as at
 * start) are listed with their generated definitions' features. Also the import check's findings
 * (the same check `sam-local` runs at start) and the differences every app has.
 */
import { checkTemplateApis, formatFinding, type CheckedApi } from '../apigw/check-template.js';
import { apiDefinitionsOf } from '../apigw/template-apis.js';
import { ACCOUNT_ID } from '../aws.js';
import { activeTemplate, evaluateConditions } from '../sam/conditions.js';
import { parameterValues } from '../sam/intrinsics.js';
import { samTransform } from '../sam/transform.js';
import { functionsOf, mergeGlobals, text, type JsonObject, type SamTemplate } from '../sam/template.js';
import { apiFeaturesOf, type FeatureUse } from './api-features.js';
import { buildRule, plain, propertyRule, resourceRule, RULES, type Rule, type TypeRules } from './rules.js';

export const SECTIONS = [
  'Resources',
  'Resource properties',
  'Event sources',
  'API definition',
  'Gateway responses',
  'Everywhere',
] as const;
export type Section = (typeof SECTIONS)[number];

export interface Row {
  section: Section;
  subject: string;
  rule: Rule;
  /** Logical ids, `Function.Event` names or operations that use it. */
  usedBy: string[];
}

export interface Explanation {
  templatePath: string;
  rows: Row[];
  /** Resources whose Condition is false under the parameters' defaults: not created, as in CloudFormation. */
  notCreated: string[];
  apiChecks: CheckedApi[];
}

class Rows {
  private readonly bySubject = new Map<string, Row>();
  add(section: Section, subject: string, rule: Rule, user: string): void {
    const key = `${section}\u0000${subject}`;
    const row = this.bySubject.get(key) ?? { section, subject, rule, usedBy: [] };
    if (!row.usedBy.includes(user)) row.usedBy.push(user);
    this.bySubject.set(key, row);
  }
  list(): Row[] {
    const order = (r: Row) => SECTIONS.indexOf(r.section);
    return [...this.bySubject.values()].sort(
      // The differences every app has keep the table's order; the rest sort by subject.
      (a, b) => order(a) - order(b) || (a.section === 'Everywhere' ? 0 : a.subject.localeCompare(b.subject)),
    );
  }
}

const TABLE_RESOURCES: Record<string, TypeRules> = RULES.resources;
const TABLE_EVENTS: Record<string, TypeRules> = RULES.eventSources;
const TABLE_API: Record<string, Rule> = RULES.apiFeatures;
const TABLE_RESPONSES: Record<string, Rule> = RULES.gatewayResponses;
const TABLE_GENERATED_API: Record<string, Rule> = RULES.generatedApi;
const SERVERLESS_API = 'AWS::Serverless::Api';

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The template after SAM's transform (generated APIs), or as it is when the transform refuses it. */
function transformed(template: SamTemplate): SamTemplate {
  try {
    return samTransform(template).template;
  } catch {
    return template;
  }
}

/** The `<Property>.<key>` rows of a table for the keys an object property holds (`Auth.ApiKeyRequired`). */
function subKeyRules(table: Record<string, Rule>, property: string, value: unknown): [string, Rule][] {
  if (!isObject(value)) return [];
  return Object.keys(value).flatMap((key): [string, Rule][] => {
    const rule = table[`${property}.${key}`];
    return rule ? [[`${property}.${key}`, rule]] : [];
  });
}

/** The template as CloudFormation would create it with the parameters' defaults (else as written). */
function created(template: SamTemplate, overrides: Record<string, string>): SamTemplate {
  try {
    const parameters = parameterValues(template.Parameters, overrides, {
      region: 'us-east-1',
      accountId: ACCOUNT_ID,
      stackName: 'explain',
    });
    return activeTemplate(template, evaluateConditions(template.Conditions, { parameters }));
  } catch {
    return template;
  }
}

export function explainTemplate(loaded: SamTemplate, overrides: Record<string, string> = {}): Explanation {
  const template = created(loaded, overrides);
  const served = transformed(template);
  const rows = new Rows();
  const functionList = functionsOf(template);
  const functions = new Map(functionList.map((f) => [f.logicalId, f.properties]));
  // APIs whose definition SAM generates: the implicit ServerlessRestApi, or one without a definition.
  const generated = new Set(
    Object.entries(served.Resources)
      .filter(([id, r]) => r.Type === SERVERLESS_API && r !== template.Resources[id])
      .map(([id]) => id),
  );
  const globalsApi = template.Globals.Api ?? {};
  const resources = { ...template.Resources };
  for (const id of generated) resources[id] ??= { Type: SERVERLESS_API };
  for (const [id, resource] of Object.entries(resources)) {
    const rule = resourceRule(resource.Type);
    rows.add('Resources', resource.Type, rule, id);
    // An ignored type's properties are ignored with it: its row says why.
    if (rule.status === 'ignored') continue;
    const isGenerated = generated.has(id);
    // Functions with Globals merged, as SAM merges them; so the APIs SAM generates.
    const properties = (functions.get(id) ??
      (isGenerated ? mergeGlobals(globalsApi, resource.Properties ?? {}) : resource.Properties) ??
      {}) as JsonObject;
    for (const [property, value] of Object.entries(properties)) {
      const own = isGenerated ? TABLE_GENERATED_API[property] : undefined;
      rows.add(
        'Resource properties',
        `${resource.Type} ${property}${own ? ' (generated definition)' : ''}`,
        own ?? propertyRule(TABLE_RESOURCES, resource.Type, property),
        id,
      );
      if (isGenerated)
        for (const [key, keyRule] of subKeyRules(TABLE_GENERATED_API, property, value))
          rows.add('Resource properties', `${resource.Type} ${key}`, keyRule, id);
    }
  }
  for (const fn of functionList) {
    const method = fn.metadata.BuildMethod;
    const build = typeof method === 'string' ? method : undefined;
    rows.add(
      'Resource properties',
      `AWS::Serverless::Function Metadata.BuildMethod ${build ?? '(none)'}`,
      buildRule(build),
      fn.logicalId,
    );
  }
  for (const [id, properties] of functions) {
    const events = (properties.Events ?? {}) as Record<string, JsonObject>;
    for (const [name, event] of Object.entries(events)) {
      const type = text(event.Type);
      const user = `${id}.${name}`;
      const known = TABLE_EVENTS[type];
      rows.add(
        'Event sources',
        `${type} event`,
        known?.rule ?? { status: 'ignored', how: `event type ${type} is not emulated: it never fires` },
        user,
      );
      if (!known) continue;
      for (const [property, value] of Object.entries((event.Properties ?? {}) as JsonObject)) {
        rows.add(
          'Event sources',
          `${type} event ${property}`,
          propertyRule(TABLE_EVENTS, type, property),
          user,
        );
        for (const [key, keyRule] of subKeyRules(known.properties, property, value))
          rows.add('Event sources', `${type} event ${key}`, keyRule, user);
      }
    }
  }
  for (const api of apiDefinitionsOf(served)) {
    if (!api.definition) continue;
    const { features, gatewayResponses } = apiFeaturesOf(api.definition);
    const at = (use: FeatureUse) => `${api.logicalId} ${use.where}`;
    for (const use of features)
      rows.add(
        'API definition',
        use.feature,
        TABLE_API[use.feature] ?? { status: 'ignored', how: 'not read by sam-local: no local effect' },
        at(use),
      );
    for (const use of gatewayResponses)
      rows.add(
        'Gateway responses',
        use.feature,
        TABLE_RESPONSES[use.feature] ?? { status: 'ignored', how: 'not a gateway response type' },
        api.logicalId,
      );
  }
  for (const [subject, rule] of Object.entries(RULES.general)) rows.add('Everywhere', subject, rule, '');
  return {
    templatePath: loaded.path,
    rows: rows.list(),
    notCreated: Object.keys(loaded.Resources).filter((id) => !(id in template.Resources)),
    apiChecks: checkTemplateApis(template),
  };
}

const STATUS_WIDTH = 'approximated'.length;
const MAX_USERS = 4;

function usedBy(row: Row): string {
  const users = row.usedBy.filter(Boolean);
  if (users.length === 0) return '';
  const shown = users.slice(0, MAX_USERS).join(', ');
  return users.length > MAX_USERS ? `${shown} (+${users.length - MAX_USERS} more)` : shown;
}

/** The explanation as text: one block per section, one line per row (then who uses it, and the AWS page). */
export function formatExplanation(e: Explanation): string[] {
  const out = [`sam-local explain: ${e.templatePath}`, ''];
  out.push('Each part of the template as sam-local runs it: emulated (as AWS documents it), approximated');
  out.push('(works, differently: how), or ignored (no local effect). Anything not in its table is ignored.');
  for (const section of SECTIONS) {
    const rows = e.rows.filter((r) => r.section === section);
    if (rows.length === 0) continue;
    const width = Math.min(60, Math.max(...rows.map((r) => plain(r.subject).length)));
    out.push('', `${section}:`);
    for (const row of rows) {
      const subject = plain(row.subject);
      out.push(`  ${row.rule.status.padEnd(STATUS_WIDTH)}  ${subject.padEnd(width)}  ${plain(row.rule.how)}`);
      const details = [usedBy(row) && `used by ${usedBy(row)}`, row.rule.docUrl].filter(Boolean);
      if (details.length > 0)
        out.push(`  ${' '.repeat(STATUS_WIDTH)}  ${' '.repeat(width)}  (${details.join('; ')})`);
    }
  }
  if (e.notCreated.length > 0)
    out.push(
      '',
      `Not created (their Condition is false with the parameters' defaults): ${e.notCreated.join(', ')}`,
    );
  out.push('', 'API import check (as at start; sam-local lint-api prints the same):');
  if (e.apiChecks.length === 0) out.push('  no REST API definition');
  for (const api of e.apiChecks) {
    if (api.unavailable) {
      out.push(`  ${api.logicalId}: not checked (${api.unavailable})`);
      continue;
    }
    const errors = api.findings.filter((f) => f.level === 'error').length;
    out.push(
      `  ${api.logicalId} (${api.origin}): ${errors} error(s), ${api.findings.length - errors} warning(s), ${api.accepted.length} accepted` +
        (errors > 0 ? ': sam-local does not start' : ''),
    );
    for (const f of api.findings) out.push(`    ${formatFinding(f)}`);
    for (const a of api.accepted) out.push(`    accepted ${a.finding.rule} ${a.finding.path}: ${a.reason}`);
  }
  return out;
}
