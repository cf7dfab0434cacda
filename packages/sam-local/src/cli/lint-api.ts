/**
 * `sam-local lint-api [--template PATH]`: the API Gateway import check (apigw/import-check.ts) on
 * every REST API definition of a SAM template (default ./template.yaml). Prints one line per
 * finding, `error|warning <rule> <path>: <message> (<docUrl>)`, then the accepted warnings, and
 * exits 1 on any error (2 on a usage error). `--rules` lists the rules.
 */
import { parseArgs } from 'node:util';
import { checkTemplateApis, formatFinding, hasErrors } from '../apigw/check-template.js';
import { IMPORT_RULES } from '../apigw/import-check.js';
import { loadTemplate } from '../sam/template.js';

const USAGE = `Usage: sam-local lint-api [--template PATH] [--rules]

  --template PATH   the SAM template (default ./template.yaml)
  --rules           list the rules (id, level, AWS page) and exit`;

/** Runs the check as the command line asks; returns the exit code. */
export function lintApi(argv: string[]): number {
  try {
    return run(argv);
  } catch (e) {
    console.error(`error: ${(e as Error).message}`);
    return 2;
  }
}

function run(argv: string[]): number {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { template: { type: 'string' }, rules: { type: 'boolean' }, help: { type: 'boolean' } },
    }));
  } catch (e) {
    console.error(`error: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.rules) {
    for (const [id, r] of Object.entries(IMPORT_RULES))
      console.log(`${r.level.padEnd(7)} ${id}: ${r.summary} (${r.docUrl})`);
    return 0;
  }
  const templatePath = values.template ?? 'template.yaml';
  const apis = checkTemplateApis(loadTemplate(templatePath));
  if (apis.length === 0) console.log(`${templatePath}: no AWS::Serverless::Api or AWS::ApiGateway::RestApi`);
  for (const api of apis) {
    if (api.unavailable) {
      console.log(`${api.logicalId}: not checked (${api.unavailable})`);
      continue;
    }
    const count = (level: string) => api.findings.filter((f) => f.level === level).length;
    console.log(
      `${api.logicalId} (${api.origin}): ${count('error')} error(s), ${count('warning')} warning(s), ${api.accepted.length} accepted`,
    );
    for (const f of api.findings) console.log(formatFinding(f));
    for (const a of api.accepted) console.log(`accepted ${a.finding.rule} ${a.finding.path}: ${a.reason}`);
  }
  return hasErrors(apis) ? 1 : 0;
}
