import { CodeDeployClient, PutLifecycleEventHookExecutionStatusCommand } from '@aws-sdk/client-codedeploy';
import { InvokeCommand, LambdaClient, type InvokeCommandInput } from '@aws-sdk/client-lambda';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { handler as health } from '../../../src/functions/health.js';
import { handler as openApi } from '../../../src/functions/openapi.js';
import type { HookEvent } from '../../../src/deployment/pre-traffic.js';
import { handler } from '../../../src/functions/pre-traffic-hook.js';
import { loadEvent } from '../../support/events.js';

const lambda = mockClient(LambdaClient);
const codeDeploy = mockClient(CodeDeployClient);
const HEALTH = 'arn:aws:lambda:us-east-1:123456789012:function:stack-HealthFunction-abc:7';
const OPENAPI = 'arn:aws:lambda:us-east-1:123456789012:function:stack-OpenApiFunction-def:3';
const event = loadEvent<HookEvent>('pre-traffic-hook');
type Answer = { FunctionError?: string; result: unknown };
/** The hook sends its payload as bytes. */
const decoded = (payload: InvokeCommandInput['Payload']) =>
  new TextDecoder().decode(payload as Uint8Array | undefined);

/** Lambda Invoke, answered by the real handlers of the versions (or by `override`). */
function serve(override: Record<string, Answer> = {}) {
  lambda.on(InvokeCommand).callsFake(async (input: InvokeCommandInput) => {
    const name = String(input.FunctionName);
    const request = JSON.parse(decoded(input.Payload)) as APIGatewayProxyEvent;
    const answer: Answer = override[name] ?? {
      result: await (name === HEALTH ? health : openApi)(request),
    };
    return {
      StatusCode: 200,
      FunctionError: answer.FunctionError,
      Payload: new TextEncoder().encode(JSON.stringify(answer.result)),
    };
  });
}

const reported = () =>
  codeDeploy.commandCalls(PutLifecycleEventHookExecutionStatusCommand).map((c) => c.args[0].input);

beforeEach(() => {
  lambda.reset();
  codeDeploy.reset();
  codeDeploy.on(PutLifecycleEventHookExecutionStatusCommand).resolves({});
  process.env.API_FUNCTION_VERSIONS = `${HEALTH} ${OPENAPI}`;
});

describe('CodeDeploy pre-traffic hook', () => {
  it('invokes every new version with the API Gateway event of GET /health and reports Succeeded', async () => {
    serve();
    await handler(event);
    const invoked = lambda.commandCalls(InvokeCommand).map((c) => c.args[0].input);
    expect(invoked.map((i) => i.FunctionName).sort()).toEqual([HEALTH, OPENAPI].sort());
    const sent = JSON.parse(decoded(invoked[0]?.Payload)) as APIGatewayProxyEvent & {
      requestContext: { operationName: string };
    };
    expect(sent).toMatchObject({ httpMethod: 'GET', path: '/health', resource: '/health' });
    expect(sent.requestContext.operationName).toBe('getHealth');
    expect(reported()).toEqual([
      {
        deploymentId: event.DeploymentId,
        lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
        status: 'Succeeded',
      },
    ]);
  });

  it('reports Failed when a new version fails (an error thrown, a timeout, a bundle that does not load)', async () => {
    serve({ [OPENAPI]: { FunctionError: 'Unhandled', result: { errorMessage: 'Cannot find module' } } });
    await handler(event);
    expect(reported().map((r) => r.status)).toEqual(['Failed']);
  });

  it('reports Failed when a new version answers 5xx', async () => {
    const failing: APIGatewayProxyResult = { statusCode: 502, body: '{}' };
    serve({ [OPENAPI]: { result: failing } });
    await handler(event);
    expect(reported().map((r) => r.status)).toEqual(['Failed']);
  });

  it('reports Failed when no version answers GET /health with 200 {"status":"ok"}', async () => {
    process.env.API_FUNCTION_VERSIONS = OPENAPI;
    serve();
    await handler(event);
    expect(reported().map((r) => r.status)).toEqual(['Failed']);

    codeDeploy.resetHistory();
    process.env.API_FUNCTION_VERSIONS = HEALTH;
    serve({ [HEALTH]: { result: { statusCode: 200, body: '{"status":"degraded"}' } } });
    await handler(event);
    expect(reported().map((r) => r.status)).toEqual(['Failed']);
  });

  it('reports Failed when a version cannot be invoked at all', async () => {
    lambda.on(InvokeCommand).rejects(new Error('AccessDeniedException'));
    await handler(event);
    expect(reported().map((r) => r.status)).toEqual(['Failed']);
  });

  it('reports Failed, then fails, when it is not told which versions to check', async () => {
    delete process.env.API_FUNCTION_VERSIONS;
    await expect(handler(event)).rejects.toThrow(/API_FUNCTION_VERSIONS/);
    expect(reported().map((r) => r.status)).toEqual(['Failed']);
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
  });
});
