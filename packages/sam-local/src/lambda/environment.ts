/**
 * Each function's environment, as Lambda would build it: Globals.Function.Environment merged with
 * the function's own (already done by functionsOf), intrinsics resolved against the local stack,
 * env.json applied as `sam local` does, then the variables the Lambda runtime itself sets, the
 * emulator endpoints and static credentials. Handlers read the same variables as in AWS.
 */
import { readFileSync, existsSync } from 'node:fs';
import {
  referencesAny,
  resolvePropertyString,
  Unresolvable,
  type IntrinsicContext,
} from '../sam/intrinsics.js';
import type { JsonObject, SamFunction } from '../sam/template.js';

/** SAM's env-vars file: `Parameters` applies to every function, `<LogicalId>` to one. */
export type EnvFile = Record<string, Record<string, string>>;

export function loadEnvFile(path: string | undefined): EnvFile {
  if (!path || !existsSync(path)) return {};
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error(`${path}: not a JSON object`);
  return parsed as EnvFile;
}

export interface FunctionRuntimeInfo {
  functionName: string;
  memorySize: number;
  timeoutSeconds: number;
  handler: string;
  taskRoot: string;
  logGroupName: string;
}

export function runtimeInfo(fn: SamFunction, stackName: string, taskRoot: string): FunctionRuntimeInfo {
  const p = fn.properties;
  const functionName =
    typeof p.FunctionName === 'string' ? p.FunctionName : `${stackName}-${fn.logicalId}`.slice(0, 64);
  return {
    functionName,
    memorySize: typeof p.MemorySize === 'number' ? p.MemorySize : 128,
    timeoutSeconds: typeof p.Timeout === 'number' ? p.Timeout : 3,
    handler: typeof p.Handler === 'string' ? p.Handler : 'index.handler',
    taskRoot,
    logGroupName: `/aws/lambda/${functionName}`,
  };
}

export interface EnvironmentResult {
  env: Record<string, string>;
  /** Variables with no local value (e.g. a {{resolve:secretsmanager:...}} reference missing from env.json). */
  missing: { name: string; reason: string }[];
}

export function functionEnvironment(
  fn: SamFunction,
  options: {
    intrinsics: IntrinsicContext;
    /** Logical ids of resources the local stack created: variables naming them always point at the emulators. */
    emulated: ReadonlySet<string>;
    envFile: EnvFile;
    runtime: FunctionRuntimeInfo;
    /** Region, credentials, endpoints: set by the runner, never overridden. */
    platform: Record<string, string>;
    /** --function-env: variables the template need not declare ('*' = every function). */
    extra?: Record<string, Record<string, string>>;
  },
): EnvironmentResult {
  const declared = (((fn.properties.Environment ?? {}) as JsonObject).Variables ?? {}) as JsonObject;
  const env: Record<string, string> = {};
  const pinned = new Set<string>();
  const unresolved = new Map<string, string>();
  for (const [name, value] of Object.entries(declared)) {
    try {
      const resolved = resolvePropertyString(value, options.intrinsics);
      // AWS::NoValue (through Fn::If): the variable is not set, as CloudFormation leaves it out.
      if (resolved === undefined) continue;
      env[name] = resolved;
      if (referencesAny(value, options.emulated)) pinned.add(name);
    } catch (e) {
      if (!(e instanceof Unresolvable)) throw e;
      unresolved.set(name, e.message);
    }
  }
  // env.json, as `sam local`: only variables the template declares; not the ones that name an
  // emulated resource (env.json holds the deployed names for `sam local invoke`).
  for (const overrides of [options.envFile.Parameters, options.envFile[fn.logicalId]]) {
    for (const [name, value] of Object.entries(overrides ?? {})) {
      if (!(name in declared) || pinned.has(name)) continue;
      env[name] = String(value);
      unresolved.delete(name);
    }
  }
  const { runtime } = options;
  const lambda: Record<string, string> = {
    AWS_LAMBDA_FUNCTION_NAME: runtime.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(runtime.memorySize),
    AWS_LAMBDA_LOG_GROUP_NAME: runtime.logGroupName,
    AWS_LAMBDA_LOG_STREAM_NAME: `local/[$LATEST]${fn.logicalId}`,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    LAMBDA_TASK_ROOT: runtime.taskRoot,
    LAMBDA_RUNTIME_DIR: runtime.taskRoot,
    _HANDLER: runtime.handler,
    TZ: ':UTC',
    LANG: 'en_US.UTF-8',
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    // No X-Ray daemon here: Powertools Tracer stays off, whatever the template's Tracing says.
    POWERTOOLS_TRACE_ENABLED: 'false',
    // As `sam local` does: code may refuse local-only switches unless this is set.
    AWS_SAM_LOCAL: 'true',
  };
  const extra = { ...options.extra?.['*'], ...options.extra?.[fn.logicalId] };
  return {
    env: { ...env, ...extra, ...lambda, ...options.platform },
    missing: [...unresolved.entries()].map(([name, reason]) => ({ name, reason })),
  };
}
