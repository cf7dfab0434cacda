/**
 * The tools suite's access to programs outside npm: each is looked up on PATH and, when missing, the
 * suite fails with the command that installs it (never skips).
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { externalTools, type ExternalToolName } from '../../support/external-tools.js';

/** The executable's path on PATH; throws with its install command when it is not there. */
export function requireTool(name: ExternalToolName): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  throw new Error(
    `${name} is not installed (not found on PATH). Install it: ${externalTools[name].install}; then run npm run test:tools again.`,
  );
}
