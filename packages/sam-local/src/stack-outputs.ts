/**
 * The template's Outputs, resolved against the local stack and written to a file once it is ready,
 * so a script or a test suite finds the local stack the way it finds a deployed one: from its stack
 * outputs (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/outputs-section-structure.html).
 *
 * The file has the shape `aws cloudformation describe-stacks` prints (`Stacks[0].Outputs[]` of
 * `{OutputKey, OutputValue, Description}`, as in
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Output.html), plus
 * `Environment`: what a client needs to reach the emulators instead of AWS (the
 * `AWS_ENDPOINT_URL_*`, region and credentials `sam-local` prints). It knows SAM, not any one app.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { resolveToString, type IntrinsicContext } from './sam/intrinsics.js';
import { text, type JsonObject } from './sam/template.js';

/** The API the local gateway serves, by its (local) REST API id and stage. */
export interface ServedApi {
  apiId: string;
  stage: string;
  url: string;
}

export interface StackOutput {
  OutputKey: string;
  OutputValue: string;
  Description?: string;
}

export interface StackOutputsDocument {
  Stacks: [{ StackName: string; Outputs: StackOutput[] }];
  Environment: Record<string, string>;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The file every run writes in its data folder (also with no --outputs-file). */
export const DEFAULT_OUTPUTS_FILE = 'stack-outputs.json';

/**
 * Each output's value resolved against the local resources. An API's invoke URL,
 * `https://{api-id}.execute-api.{region}.amazonaws.com/{stage}` (the base URL of a deployed stage:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-call-api.html), becomes the
 * local API's URL, which serves the stage at its root. An output that cannot be resolved locally (a
 * resource that is not emulated, a Condition that is not true) is left out with the reason.
 */
export function resolveOutputs(
  outputs: Record<string, JsonObject>,
  ctx: IntrinsicContext,
  served: ServedApi | undefined,
): { outputs: StackOutput[]; skipped: { key: string; reason: string }[] } {
  const resolved: StackOutput[] = [];
  const skipped: { key: string; reason: string }[] = [];
  const region = ctx.parameters['AWS::Region'] ?? '';
  const suffix = ctx.parameters['AWS::URLSuffix'] ?? 'amazonaws.com';
  for (const [key, output] of Object.entries(outputs)) {
    // The stack passes only the outputs of its active template (sam/conditions.ts).
    if (output.Condition !== undefined && ctx.conditions?.[text(output.Condition)] !== true) {
      skipped.push({ key, reason: `its condition ${text(output.Condition)} is not true` });
      continue;
    }
    let value: string;
    try {
      value = resolveToString(output.Value ?? null, ctx);
    } catch (e) {
      skipped.push({ key, reason: (e as Error).message });
      continue;
    }
    if (served) {
      const host = escapeRegExp(`https://${served.apiId}.execute-api.${region}.${suffix}`);
      const invokeUrl = new RegExp(`${host}(?:/${escapeRegExp(served.stage)})?(?=[/?#\\s'"]|$)`, 'g');
      value = value.replace(invokeUrl, served.url);
    }
    const otherApi = [...value.matchAll(/https:\/\/([a-z0-9]+)\.execute-api\.\S+/g)].find((m) =>
      Object.values(ctx.resources).some((r) => r.ref === m[1]),
    );
    if (otherApi) {
      skipped.push({ key, reason: `${otherApi[0]} is the URL of an API the local stack does not serve` });
      continue;
    }
    resolved.push({
      OutputKey: key,
      OutputValue: value,
      ...(typeof output.Description === 'string' ? { Description: output.Description } : {}),
    });
  }
  return { outputs: resolved, skipped };
}

/** Writes `text` so a reader never sees half of it: a temporary file, then a rename. */
async function writeAtomically(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, file);
}

/**
 * Writes the outputs document to `<dataDir>/stack-outputs.json` and to `outputsFile` if given, and
 * returns what removes them again when the stack stops (only files still holding this run's
 * document: a file describing a stopped stack would send clients to dead ports).
 */
export async function publishStackOutputs(options: {
  outputs: Record<string, JsonObject>;
  intrinsics: IntrinsicContext;
  served: ServedApi | undefined;
  stackName: string;
  environment: Record<string, string>;
  dataDir: string;
  outputsFile?: string;
  log: (line: string) => void;
  warn: (message: string) => void;
}): Promise<() => Promise<void>> {
  const { outputs, skipped } = resolveOutputs(options.outputs, options.intrinsics, options.served);
  const document: StackOutputsDocument = {
    Stacks: [{ StackName: options.stackName, Outputs: outputs }],
    Environment: options.environment,
  };
  const text = `${JSON.stringify(document, null, 2)}\n`;
  const files = [join(options.dataDir, DEFAULT_OUTPUTS_FILE), options.outputsFile].filter(
    (f): f is string => f !== undefined,
  );
  await Promise.all(files.map((f) => writeAtomically(f, text)));

  if (outputs.length > 0) {
    options.log('Stack outputs:');
    const width = Math.max(...outputs.map((o) => o.OutputKey.length));
    for (const o of outputs) options.log(`  ${o.OutputKey.padEnd(width)}  ${o.OutputValue}`);
  }
  for (const s of skipped) options.warn(`output ${s.key} is not in the outputs file: ${s.reason}`);
  options.log(`Stack outputs written to ${files.join(' and ')}`);

  return async () => {
    for (const file of files) {
      const current = await readFile(file, 'utf8').catch(() => undefined);
      if (current === text) await rm(file, { force: true });
    }
  };
}
