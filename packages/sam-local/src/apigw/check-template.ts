/**
 * The import check over a whole SAM template: every REST API definition it holds, checked, with the
 * project's accepted warnings applied. `sam-local lint-api` prints it; `sam-local` refuses to start
 * on an error and prints the warnings.
 */
import type { SamTemplate } from '../sam/template.js';
import { applyAcceptance, type Accepted } from './acceptance.js';
import { jsonPointer } from './definition-walk.js';
import { checkApiDefinition, type Finding } from './import-check.js';
import { apiDefinitionsOf } from './template-apis.js';
import { StartError } from '../errors.js';

export interface CheckedApi {
  logicalId: string;
  origin: string;
  findings: Finding[];
  accepted: Accepted[];
  /** Why this API was not checked. */
  unavailable?: string;
}

export function checkTemplateApis(template: SamTemplate): CheckedApi[] {
  return apiDefinitionsOf(template).map((source) => {
    const { logicalId, origin } = source;
    if (!source.definition)
      return { logicalId, origin, findings: [], accepted: [], unavailable: source.unavailable };
    const outcome = applyAcceptance(
      checkApiDefinition(source.definition),
      source.metadata,
      jsonPointer('Resources', logicalId),
    );
    return { logicalId, origin, ...outcome };
  });
}

/** `error|warning <rule> <path>: <message> (<docUrl>)` */
export const formatFinding = (f: Finding) => `${f.level} ${f.rule} ${f.path}: ${f.message} (${f.docUrl})`;

export const hasErrors = (apis: CheckedApi[]) =>
  apis.some((a) => a.findings.some((f) => f.level === 'error'));

/** Thrown by `sam-local` when a definition has errors: the message names each rule and path. */
export class ApiImportCheckFailed extends StartError {
  override readonly name = 'ApiImportCheckFailed';
  constructor(apis: CheckedApi[]) {
    const lines = apis.flatMap((a) => {
      const errors = a.findings.filter((f) => f.level === 'error');
      return errors.length
        ? [`${a.logicalId} (${a.origin}):`, ...errors.map((f) => `  ${formatFinding(f)}`)]
        : [];
    });
    super(
      'the REST API definition would not deploy as written: API Gateway refuses it, or the deployed API would ' +
        `differ from what it says (sam-local lint-api prints the same):\n${lines.join('\n')}`,
    );
  }
}
