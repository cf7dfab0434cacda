/**
 * Phase "functions": each function of the template as a LocalFunction (worker threads running its
 * bundle, each with the environment Lambda would give it), and `invoke`, which the gateway and the
 * event sources call. Stopping it stops every worker.
 */
import { ACCOUNT_ID, ENDPOINT_ENV, LOCAL_CREDENTIALS, SERVICES, type Service } from '../../aws.js';
import { functionEnvironment, loadEnvFile, runtimeInfo } from '../../lambda/environment.js';
import { LocalFunction, type InvokeOptions, type InvokeOutcome } from '../../lambda/function.js';
import type { EmfMetric } from '../../lambda/emf.js';
import { formatFunctionLine } from '../../lambda/logs.js';
import { line } from '../../log.js';
import type { IntrinsicContext } from '../../sam/intrinsics.js';
import type { SamFunction } from '../../sam/template.js';
import type { FunctionBuilder } from '../../lambda/build.js';
import { started, type Started } from '../lifecycle.js';

export type Invoke = (functionId: string, event: unknown, options?: InvokeOptions) => Promise<InvokeOutcome>;

export interface Functions {
  invoke: Invoke;
  /** Retires a function's workers: the next invocation loads its new bundle. */
  reload(functionId: string): void;
}

/** Workers per function: the template's ReservedConcurrentExecutions, else a few (this is one machine). */
const DEFAULT_FUNCTION_CONCURRENCY = 4;
function functionConcurrency(reserved: unknown): number {
  const n = Number(reserved);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_FUNCTION_CONCURRENCY;
}

/** Region, credentials and endpoints: what every function gets, whatever the template says. */
function platformEnvironment(
  region: string,
  endpoints: Partial<Record<Service, string>>,
  cognitoPort: number | undefined,
): Record<string, string> {
  const platform: Record<string, string> = {
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  };
  // Lambda runs nodejs22.x; on an older local Node the SDK's upgrade notice is noise.
  if (Number(process.versions.node.split('.')[0]) < 22)
    platform.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  for (const [k, v] of Object.entries(process.env))
    if (k.startsWith('AWS_ENDPOINT_URL') && v) platform[k] = v;
  for (const s of SERVICES) if (endpoints[s]) platform[ENDPOINT_ENV[s]] = endpoints[s];
  // cognito-local issues tokens with iss http://127.0.0.1:<port>/<poolId>; the authorizer needs that base.
  if (cognitoPort !== undefined) platform.COGNITO_ISSUER_BASE_URL = `http://127.0.0.1:${cognitoPort}`;
  return platform;
}

export function startFunctions(options: {
  functions: SamFunction[];
  stackName: string;
  region: string;
  intrinsics: IntrinsicContext;
  /** Logical ids of the resources created in the emulators. */
  emulated: ReadonlySet<string>;
  endpoints: Partial<Record<Service, string>>;
  cognitoPort?: number;
  envVarsPath?: string;
  functionEnv: Record<string, Record<string, string>>;
  faults: Record<string, number>;
  builder: FunctionBuilder;
  hostFile: string;
  jsonLogs: boolean;
  /** Receives the metrics of each EMF line a function writes (for --metrics). */
  onMetrics?: (metrics: EmfMetric[]) => void;
  warn: (message: string) => void;
}): Promise<Started<Functions>> {
  const { functions, stackName, region } = options;
  for (const id of Object.keys(options.functionEnv))
    if (id !== '*' && !functions.some((f) => f.logicalId === id))
      options.warn(`--function-env names ${id}, which is not a function of the template`);

  const envFile = loadEnvFile(options.envVarsPath);
  const platform = platformEnvironment(region, options.endpoints, options.cognitoPort);
  const local = new Map<string, LocalFunction>();
  for (const fn of functions) {
    // The task root is the folder of the bundle a worker runs: LocalFunction sets it per worker.
    const info = runtimeInfo(fn, stackName, '');
    const { env, missing } = functionEnvironment(fn, {
      intrinsics: options.intrinsics,
      emulated: options.emulated,
      envFile,
      runtime: info,
      platform,
      extra: options.functionEnv,
    });
    for (const m of missing)
      options.warn(
        `${fn.logicalId}: environment variable ${m.name} has no local value (${m.reason}); set it in env.json`,
      );
    local.set(
      fn.logicalId,
      new LocalFunction({
        logicalId: fn.logicalId,
        runtime: info,
        env,
        hostFile: options.hostFile,
        region,
        accountId: ACCOUNT_ID,
        bundle: () => options.builder.bundle(fn.logicalId),
        concurrency: functionConcurrency(fn.properties.ReservedConcurrentExecutions),
        faultRate: options.faults[fn.logicalId] ?? 0,
        onFault: (description) => line(`[fault] ${fn.logicalId}: ${description}`),
        onOutput: (raw) => {
          for (const l of formatFunctionLine(fn.logicalId, raw, options.jsonLogs, options.onMetrics)) line(l);
        },
      }),
    );
  }

  const invoke: Invoke = async (functionId, event, invokeOptions) => {
    const fn = local.get(functionId);
    if (!fn)
      return {
        ok: false,
        kind: 'error',
        errorType: 'ResourceNotFound',
        errorMessage: `no function ${functionId}`,
        durationMs: 0,
      };
    try {
      return await fn.invoke(event, invokeOptions);
    } catch (e) {
      return {
        ok: false,
        kind: 'error',
        errorType: 'Runtime.Unavailable',
        errorMessage: (e as Error).message,
        durationMs: 0,
      };
    }
  };
  return Promise.resolve(
    started({ invoke, reload: (id: string) => local.get(id)?.reload() }, async () => {
      await Promise.all([...local.values()].map((f) => f.stop()));
    }),
  );
}
