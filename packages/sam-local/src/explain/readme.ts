/**
 * The README's "How it differs from AWS" section, generated from the table of rules (rules.ts):
 * every difference every app has, then each resource type, property, event source, API feature and
 * gateway response that is approximated or ignored. Written between two markers by `npm run docs`
 * (scripts/docs.ts); a test fails when the README holds anything else there.
 */
import { RULES, type Rule, type TypeRules } from './rules.js';

export const BEGIN_MARKER =
  '<!-- differences:begin (generated from src/explain/rules.ts by `npm run docs`; do not edit by hand) -->';
export const END_MARKER = '<!-- differences:end -->';

const cell = (s: string) => s.replace(/\|/g, '\\|');
const docLink = (rule: Rule) => (rule.docUrl ? ` ([AWS](${rule.docUrl}))` : '');

function table(header: string, rows: [string, Rule][]): string[] {
  const differing = rows.filter(([, rule]) => rule.status !== 'emulated');
  if (differing.length === 0) return [];
  return [
    `| ${header} | status | how |`,
    '|---|---|---|',
    ...differing.map(
      ([subject, rule]) => `| ${subject} | ${rule.status} | ${cell(rule.how)}${docLink(rule)} |`,
    ),
    '',
  ];
}

function typeRows(types: Record<string, TypeRules>, label: (type: string) => string): [string, Rule][] {
  return Object.entries(types).flatMap(([type, { rule, properties }]) => [
    [label(type), rule] as [string, Rule],
    ...Object.entries(properties).map(([p, r]): [string, Rule] => [`${label(type)} \`${p}\``, r]),
  ]);
}

export function differencesMarkdown(): string {
  const lines = [
    BEGIN_MARKER,
    '`sam-local explain` prints, for a template and its API definition, every resource, property, event',
    'source, API feature and gateway response it uses as **emulated** (as AWS documents it),',
    '**approximated** (it works, differently) or **ignored** (no local effect), from one table',
    '(`src/explain/rules.ts`) that this section is generated from. A resource type, property, event type',
    'or `x-amazon-apigateway-*` extension not in the table is ignored, and `explain` names it.',
    '',
    '**Every app**, whatever its template:',
    '',
    ...Object.entries(RULES.general).map(
      ([subject, rule]) => `- **${subject}** (${rule.status}): ${rule.how}${docLink(rule)}.`,
    ),
    '',
    '**Resources and their properties** that are not emulated as AWS runs them:',
    '',
    ...table(
      'resource / property',
      typeRows(RULES.resources, (t) => `\`${t}\``),
    ),
    "**Function builds** (a function's `Metadata.BuildMethod`; any value but `esbuild` fails its start):",
    '',
    ...table(
      'BuildMethod',
      Object.entries(RULES.functionBuilds).map(([b, r]): [string, Rule] => [
        b === 'none' ? '(none)' : `\`${b}\``,
        r,
      ]),
    ),
    '**APIs SAM generates** from Api events (no `DefinitionBody` or `DefinitionUri`), where they differ from the rows above:',
    '',
    ...table(
      'property',
      Object.entries(RULES.generatedApi).map(([p, r]): [string, Rule] => [
        `\`AWS::Serverless::Api\` \`${p}\``,
        r,
      ]),
    ),
    "**Event sources** (a function's `Events`; any other `Type` is ignored):",
    '',
    ...table(
      'event / property',
      typeRows(RULES.eventSources, (t) => `\`${t}\` event`),
    ),
    '**The API definition**:',
    '',
    ...table(
      'feature',
      Object.entries(RULES.apiFeatures).map(([f, r]): [string, Rule] => [`\`${f}\``, r]),
    ),
    '**Gateway responses** the local gateway never answers:',
    '',
    ...table(
      'type',
      Object.entries(RULES.gatewayResponses).map(([t, r]): [string, Rule] => [`\`${t}\``, r]),
    ),
    END_MARKER,
  ];
  return lines.join('\n');
}

/** `readme` with the generated section between the markers replaced by `generated`. */
export function withDifferences(readme: string, generated = differencesMarkdown()): string {
  const begin = readme.indexOf(BEGIN_MARKER);
  const end = readme.indexOf(END_MARKER);
  if (begin < 0 || end < begin)
    throw new Error(`the README has no ${BEGIN_MARKER} ... ${END_MARKER} section`);
  return readme.slice(0, begin) + generated + readme.slice(end + END_MARKER.length);
}
