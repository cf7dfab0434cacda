/**
 * `sam-local explain [--template PATH] [--parameter-overrides K=V ...]`: every resource, property,
 * event source, API feature and gateway response the template uses, as emulated, approximated or
 * ignored (explain/rules.ts), then the API import check's findings. Exit 0 (2 on a usage error or
 * a template it cannot read).
 */
import { parseArgs } from 'node:util';
import { explainTemplate, formatExplanation } from '../explain/explain.js';
import { parseParameterOverrides } from './args.js';
import { loadTemplate } from '../sam/template.js';

const USAGE = `Usage: sam-local explain [--template PATH] [--parameter-overrides K=V ...]

  --template PATH             the SAM template (default ./template.yaml)
  --parameter-overrides K=V   template parameters, for its Conditions (default: their Default)`;

export function explain(argv: string[]): number {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        template: { type: 'string' },
        'parameter-overrides': { type: 'string', multiple: true },
        help: { type: 'boolean' },
      },
    }));
  } catch (e) {
    console.error(`error: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  let overrides: Record<string, string>;
  try {
    overrides = parseParameterOverrides(values['parameter-overrides']);
  } catch (e) {
    console.error(`error: ${(e as Error).message}`);
    return 2;
  }
  try {
    const template = loadTemplate(values.template ?? 'template.yaml');
    console.log(formatExplanation(explainTemplate(template, overrides)).join('\n'));
    return 0;
  } catch (e) {
    console.error(`error: ${(e as Error).message}`);
    return 2;
  }
}
