/**
 * The stack the black-box suite runs against, known only by its outputs: the API URL, the user pool,
 * its app client and the region. The same for the local stack and a deployed stage; from the first
 * of these that is set:
 *
 * - STACK_OUTPUTS_FILE: a JSON file, either what `aws cloudformation describe-stacks --stack-name X`
 *   prints (`Stacks[0].Outputs[]`), a flat `{"OutputKey": "value"}` map, or the local stack's
 *   `stack-outputs.json` (the describe-stacks shape plus `Environment`: the emulator endpoints,
 *   region and credentials, applied to the suite's AWS clients only).
 * - STACK_NAME: DescribeStacks on that stack (credentials and region from the AWS SDK's usual chain).
 * - API_URL, USER_POOL_ID, USER_POOL_CLIENT_ID (and AWS_REGION): the outputs themselves.
 * - none of these: the outputs file of a local stack started with `npm start` from the project root
 *   (.local/data/stack-outputs.json), which exists only while that stack runs.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { projectRoot } from '../../support/paths.js';

/** The outputs of template.yaml the suite needs (tests/delivery ties them to the template). */
export const OUTPUT_KEYS = {
  apiUrl: 'ApiUrl',
  userPoolId: 'UserPoolId',
  userPoolClientId: 'UserPoolClientId',
} as const;

/** The environment variable naming an output when no file or stack name is given: ApiUrl -> API_URL. */
export const outputEnvName = (key: string) => key.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();

/** The variables that choose the stack (the pipeline's Test stage sets STACK_NAME). */
export const TARGET_VARIABLES = { outputsFile: 'STACK_OUTPUTS_FILE', stackName: 'STACK_NAME' } as const;

/** Where `npm start` (default --data) writes its outputs while it runs. */
export const LOCAL_OUTPUTS_FILE = join(projectRoot, '.local', 'data', 'stack-outputs.json');

export interface AwsClientConfig {
  region: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export interface StackUnderTest {
  /** The API's base URL, without a trailing slash. */
  baseUrl: string;
  userPoolId: string;
  userPoolClientId: string;
  /** For the suite's Cognito client: the region, and for the local stack its endpoint and credentials. */
  cognito: AwsClientConfig;
  /** Where the outputs came from, for messages. */
  source: string;
}

type Outputs = Record<string, string>;
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Outputs and environment from a file in either shape; throws on anything else. */
export function parseOutputsDocument(document: unknown): {
  outputs: Outputs;
  environment: Record<string, string>;
  stackId?: string;
} {
  if (!isObject(document)) throw new Error('expected a JSON object');
  const environment = isObject(document.Environment)
    ? Object.fromEntries(Object.entries(document.Environment).map(([k, v]) => [k, String(v)]))
    : {};
  if (Array.isArray(document.Stacks)) {
    const stack: unknown = document.Stacks[0];
    if (!isObject(stack) || !Array.isArray(stack.Outputs))
      throw new Error('Stacks[0].Outputs is missing (was the stack created?)');
    const outputs: Outputs = {};
    for (const o of stack.Outputs as unknown[])
      if (isObject(o) && typeof o.OutputKey === 'string' && typeof o.OutputValue === 'string')
        outputs[o.OutputKey] = o.OutputValue;
    return {
      outputs,
      environment,
      ...(typeof stack.StackId === 'string' ? { stackId: stack.StackId } : {}),
    };
  }
  const outputs = Object.fromEntries(
    Object.entries(document).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
  return { outputs, environment };
}

async function describeStack(stackName: string): Promise<{ outputs: Outputs; stackId?: string }> {
  const client = new CloudFormationClient({});
  try {
    const { Stacks = [] } = await client.send(new DescribeStacksCommand({ StackName: stackName }));
    const stack = Stacks[0];
    const outputs: Outputs = {};
    for (const o of stack?.Outputs ?? []) if (o.OutputKey) outputs[o.OutputKey] = o.OutputValue ?? '';
    return { outputs, ...(stack?.StackId ? { stackId: stack.StackId } : {}) };
  } finally {
    client.destroy();
  }
}

/**
 * The region the pool lives in: the local stack says so in its Environment; an AWS pool id starts
 * with its region (`us-east-1_EXAMPLE` in
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DescribeUserPool.html),
 * and a stack id is an ARN with the region in it.
 */
function regionOf(
  userPoolId: string,
  environment: Record<string, string>,
  stackId: string | undefined,
  env: NodeJS.ProcessEnv,
): string {
  const region =
    environment.AWS_REGION ||
    /^([a-z]{2}(?:-[a-z]+)+-\d+)_/.exec(userPoolId)?.[1] ||
    stackId?.split(':')[3] ||
    env.AWS_REGION ||
    env.AWS_DEFAULT_REGION;
  if (!region) throw new Error(`cannot tell the region of user pool ${userPoolId}: set AWS_REGION`);
  return region;
}

/** Resolves the stack under test from the environment (see the module comment). */
export async function resolveStackUnderTest(
  env: NodeJS.ProcessEnv = process.env,
  localOutputsFile = LOCAL_OUTPUTS_FILE,
): Promise<StackUnderTest> {
  let outputs: Outputs;
  let environment: Record<string, string> = {};
  let stackId: string | undefined;
  let source: string;
  const outputsFile = env[TARGET_VARIABLES.outputsFile];
  const stackName = env[TARGET_VARIABLES.stackName];
  const fromEnvironment = Object.values(OUTPUT_KEYS).some((key) => env[outputEnvName(key)]);
  const file =
    outputsFile ||
    (!stackName && !fromEnvironment && existsSync(localOutputsFile) ? localOutputsFile : undefined);
  if (file) {
    source = outputsFile ? `${TARGET_VARIABLES.outputsFile}=${file}` : `the running local stack's ${file}`;
    let document: unknown;
    try {
      document = JSON.parse(await readFile(file, 'utf8'));
    } catch (e) {
      throw new Error(`${source}: ${(e as Error).message}`, { cause: e });
    }
    ({ outputs, environment, stackId } = parseOutputsDocument(document));
  } else if (stackName) {
    source = `${TARGET_VARIABLES.stackName}=${stackName}`;
    ({ outputs, stackId } = await describeStack(stackName));
  } else {
    source = 'environment variables';
    outputs = {};
    for (const key of Object.values(OUTPUT_KEYS)) {
      const value = env[outputEnvName(key)];
      if (value) outputs[key] = value;
    }
  }
  const missing = Object.values(OUTPUT_KEYS).filter((key) => !outputs[key]);
  if (missing.length > 0) {
    throw new Error(
      `${source}: no ${missing.join(', ')} output. Run against a stack with STACK_NAME=<stack> (DescribeStacks), ` +
        `STACK_OUTPUTS_FILE=<describe-stacks JSON or the local stack's stack-outputs.json>, ` +
        `or ${Object.values(OUTPUT_KEYS).map(outputEnvName).join(', ')}; or start the local stack (npm start).`,
    );
  }
  const userPoolId = outputs[OUTPUT_KEYS.userPoolId] as string;
  const endpoint =
    environment.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER ?? environment.AWS_ENDPOINT_URL ?? undefined;
  const credentials =
    environment.AWS_ACCESS_KEY_ID && environment.AWS_SECRET_ACCESS_KEY
      ? { accessKeyId: environment.AWS_ACCESS_KEY_ID, secretAccessKey: environment.AWS_SECRET_ACCESS_KEY }
      : undefined;
  return {
    baseUrl: (outputs[OUTPUT_KEYS.apiUrl] as string).replace(/\/+$/, ''),
    userPoolId,
    userPoolClientId: outputs[OUTPUT_KEYS.userPoolClientId] as string,
    cognito: {
      region: regionOf(userPoolId, environment, stackId, env),
      ...(endpoint ? { endpoint } : {}),
      ...(credentials ? { credentials } : {}),
    },
    source,
  };
}
