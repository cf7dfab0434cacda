/**
 * Phase "outputs": the template's Outputs resolved against the local stack, printed and written to
 * <data>/stack-outputs.json (and --outputs-file) once everything runs. Stopping it removes the
 * files, so no client finds a stopped stack's ports.
 */
import { line, warn } from '../../log.js';
import type { IntrinsicContext } from '../../sam/intrinsics.js';
import type { SamTemplate } from '../../sam/template.js';
import { publishStackOutputs, type ServedApi } from '../../stack-outputs.js';
import { started, type Started } from '../lifecycle.js';

export async function startOutputs(options: {
  template: SamTemplate;
  intrinsics: IntrinsicContext;
  served?: ServedApi;
  stackName: string;
  environment: Record<string, string>;
  dataDir: string;
  outputsFile?: string;
}): Promise<Started<void>> {
  const remove = await publishStackOutputs({
    outputs: options.template.Outputs,
    intrinsics: options.intrinsics,
    served: options.served,
    stackName: options.stackName,
    environment: options.environment,
    dataDir: options.dataDir,
    outputsFile: options.outputsFile,
    log: line,
    warn,
  });
  return started(undefined, remove);
}
