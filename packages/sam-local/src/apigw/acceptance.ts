/**
 * Warnings a project chooses to live with, declared next to the API they concern, on the
 * AWS::Serverless::Api or AWS::ApiGateway::RestApi resource of the template:
 *
 *   Metadata:
 *     ApiImportCheck:
 *       Accept:
 *         - Rule: parameter-attribute-ignored
 *           Path: /components/parameters/Limit/schema/maximum      # or a subtree: /components/parameters/**
 *           Reason: the function checks the bounds and answers problem+json
 *
 * An accepted finding is not reported (the CLI lists it as accepted, with its reason). Errors cannot
 * be accepted: API Gateway refuses them or the deployed API breaks. An entry that names an error, an
 * unknown rule or no reason is itself an error; an entry that matches nothing is a warning, so the
 * list does not outlive the definition it describes.
 */
import type { Json } from '../sam/template.js';
import { isObject } from './definition-walk.js';
import { IMPORT_RULES, type Finding } from './import-check.js';

/** Where the acceptance mechanism is described (README), for findings about the entries themselves. */
const ACCEPTANCE_DOC = 'README.md#api-import-check';

export interface Accepted {
  finding: Finding;
  reason: string;
}

export interface AcceptanceOutcome {
  /** Findings still to report, with any problem found in the Accept entries themselves. */
  findings: Finding[];
  accepted: Accepted[];
}

interface Entry {
  rule: string;
  path: string;
  reason: string;
  pointer: string;
}

const matches = (entry: Entry, f: Finding) =>
  entry.rule === f.rule &&
  (entry.path.endsWith('/**')
    ? f.path === entry.path.slice(0, -3) || f.path.startsWith(entry.path.slice(0, -2))
    : entry.path === f.path);

/**
 * Applies the resource's `Metadata.ApiImportCheck.Accept` to `findings`. `resourcePointer` locates
 * the resource in the template (e.g. /Resources/Api) for findings about the entries.
 */
export function applyAcceptance(
  findings: Finding[],
  metadata: Json,
  resourcePointer: string,
): AcceptanceOutcome {
  const config = isObject(metadata) ? metadata.ApiImportCheck : undefined;
  const raw = isObject(config) ? config.Accept : undefined;
  const problems: Finding[] = [];
  const problem = (level: Finding['level'], rule: string, pointer: string, message: string) =>
    problems.push({ level, rule, path: pointer, message, docUrl: ACCEPTANCE_DOC });
  const base = `${resourcePointer}/Metadata/ApiImportCheck/Accept`;
  if (config !== undefined && raw !== undefined && !Array.isArray(raw))
    problem('error', 'accept-invalid', base, 'Accept must be a list of { Rule, Path, Reason }.');

  const entries: Entry[] = [];
  (Array.isArray(raw) ? raw : []).forEach((e, i) => {
    const pointer = `${base}/${i}`;
    const rule = isObject(e) && typeof e.Rule === 'string' ? e.Rule : '';
    const path = isObject(e) && typeof e.Path === 'string' ? e.Path : undefined;
    const reason = isObject(e) && typeof e.Reason === 'string' ? e.Reason.trim() : '';
    const spec = (IMPORT_RULES as Record<string, { level: string }>)[rule];
    if (!spec)
      problem('error', 'accept-invalid', pointer, `Rule "${rule}" is not a rule of the import check.`);
    else if (spec.level === 'error')
      problem(
        'error',
        'accept-invalid',
        pointer,
        `${rule} is an error: API Gateway refuses it or the deployed API breaks, so it cannot be accepted; fix the definition.`,
      );
    else if (path === undefined || !(path === '' || path.startsWith('/')))
      problem(
        'error',
        'accept-invalid',
        pointer,
        'Path must be a JSON pointer into the definition (e.g. /paths/~1users/get).',
      );
    else if (!reason)
      problem('error', 'accept-invalid', pointer, 'Reason is required: say why the project lives with it.');
    else entries.push({ rule, path, reason, pointer });
  });

  const used = new Set<Entry>();
  const remaining: Finding[] = [];
  const accepted: Accepted[] = [];
  for (const f of findings) {
    const entry = f.level === 'warning' ? entries.find((e) => matches(e, f)) : undefined;
    if (entry) {
      used.add(entry);
      accepted.push({ finding: f, reason: entry.reason });
    } else remaining.push(f);
  }
  for (const e of entries)
    if (!used.has(e))
      problem('warning', 'accept-unused', e.pointer, `no ${e.rule} finding at ${e.path}: remove this entry.`);
  return { findings: [...problems, ...remaining], accepted };
}
