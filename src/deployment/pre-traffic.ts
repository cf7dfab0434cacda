/**
 * The pre-traffic check CodeDeploy runs before it shifts any traffic to an API function's new
 * version (template.yaml, PreTrafficHookFunction): every API function's new version is invoked
 * through Lambda with the API Gateway proxy event of GET /health, and the deployment goes on only if
 * - no version fails (a thrown error, a timeout, a bundle that does not load: Lambda's FunctionError),
 * - every version answers a proxy response below 500 (the functions that do not serve /health answer
 *   their own 404 problem, which shows they loaded and dispatch),
 * - and one of them answers 200 with `{"status": "ok"}` (HealthFunction).
 * The hook must report Succeeded or Failed to CodeDeploy itself
 * (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/automating-updates-to-serverless-apps.html).
 */
import table from '../../api/operations.json' with { type: 'json' };
import type { APIGatewayProxyEvent } from 'aws-lambda';

/** What CodeDeploy sends a lifecycle hook. */
export interface HookEvent {
  DeploymentId: string;
  LifecycleEventHookExecutionId: string;
}

export type HookStatus = 'Succeeded' | 'Failed';

export interface HookPorts {
  /** Invokes a function version (its ARN) synchronously: its error type if it failed, and its payload. */
  invoke(versionArn: string, payload: string): Promise<{ functionError?: string; payload: string }>;
  /** PutLifecycleEventHookExecutionStatus. */
  report(event: HookEvent, status: HookStatus): Promise<void>;
}

const HEALTH = { method: 'GET', path: '/health' };

/** The operationId API Gateway reports for GET /health, from the operations table (one source). */
export function healthOperationId(): string {
  const found = Object.entries(table as Record<string, { method: string; path: string }>).find(
    ([, op]) => op.method === HEALTH.method && op.path === HEALTH.path,
  );
  if (!found) throw new Error('The contract has no GET /health operation');
  return found[0];
}

/** A minimal API Gateway REST proxy event for GET /health, as the handlers read it. */
export function healthEvent(deploymentId: string): APIGatewayProxyEvent {
  return {
    resource: HEALTH.path,
    path: HEALTH.path,
    httpMethod: HEALTH.method,
    headers: { Accept: 'application/json' },
    multiValueHeaders: { Accept: ['application/json'] },
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    body: null,
    isBase64Encoded: false,
    requestContext: {
      operationName: healthOperationId(),
      resourcePath: HEALTH.path,
      httpMethod: HEALTH.method,
      path: HEALTH.path,
      stage: 'pre-traffic',
      requestId: `pre-traffic-${deploymentId}`,
      identity: { sourceIp: '127.0.0.1', userAgent: 'CodeDeploy pre-traffic hook' },
    },
  } as unknown as APIGatewayProxyEvent;
}

/** Why one version's answer is not acceptable, or undefined when it is; `healthy`: it is /health's 200 ok. */
export function judge(answer: { functionError?: string; payload: string }): {
  problem?: string;
  healthy: boolean;
} {
  if (answer.functionError) return { problem: `failed (${answer.functionError})`, healthy: false };
  let result: { statusCode?: unknown; body?: unknown };
  try {
    result = JSON.parse(answer.payload) as typeof result;
  } catch {
    return { problem: 'answered something other than JSON', healthy: false };
  }
  const status = result?.statusCode;
  if (typeof status !== 'number') return { problem: 'answered no proxy response', healthy: false };
  if (status >= 500) return { problem: `answered ${status}`, healthy: false };
  if (status !== 200 || typeof result.body !== 'string') return { healthy: false };
  try {
    return { healthy: (JSON.parse(result.body) as { status?: unknown }).status === 'ok' };
  } catch {
    return { healthy: false };
  }
}

/** Checks every version, reports the outcome to CodeDeploy, and returns it with the reasons. */
export async function runPreTrafficCheck(
  event: HookEvent,
  versions: readonly string[],
  ports: HookPorts,
): Promise<{ status: HookStatus; problems: string[] }> {
  const payload = JSON.stringify(healthEvent(event.DeploymentId));
  const problems: string[] = [];
  let healthy = false;
  await Promise.all(
    versions.map(async (version) => {
      try {
        const verdict = judge(await ports.invoke(version, payload));
        if (verdict.problem) problems.push(`${version} ${verdict.problem}`);
        healthy ||= verdict.healthy;
      } catch (error) {
        problems.push(`${version} could not be invoked: ${(error as Error).message}`);
      }
    }),
  );
  if (versions.length === 0) problems.push('no function versions to check');
  else if (!healthy && problems.length === 0) problems.push('no version answered GET /health with 200 ok');
  const status: HookStatus = problems.length === 0 ? 'Succeeded' : 'Failed';
  await ports.report(event, status);
  return { status, problems: problems.sort() };
}
