import { CodeDeployClient, PutLifecycleEventHookExecutionStatusCommand } from '@aws-sdk/client-codedeploy';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { Context } from 'aws-lambda';
import { once, requireEnv } from '../lib/config.js';
import { logger, traced } from '../lib/observability.js';
import { runPreTrafficCheck, type HookEvent, type HookPorts } from '../deployment/pre-traffic.js';

const lambda = once(() => traced(new LambdaClient({})));
const codeDeploy = once(() => traced(new CodeDeployClient({})));
/** The API functions' version ARNs this deployment ships (template.yaml sets them). */
const versions = () => requireEnv('API_FUNCTION_VERSIONS').split(/\s+/).filter(Boolean);

const ports: HookPorts = {
  async invoke(versionArn, payload) {
    const out = await lambda().send(
      new InvokeCommand({ FunctionName: versionArn, Payload: new TextEncoder().encode(payload) }),
    );
    return { functionError: out.FunctionError, payload: new TextDecoder().decode(out.Payload) };
  },
  async report(event, status) {
    await codeDeploy().send(
      new PutLifecycleEventHookExecutionStatusCommand({
        deploymentId: event.DeploymentId,
        lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
        status,
      }),
    );
  },
};

/** CodeDeploy BeforeAllowTraffic hook: the API functions' new versions must answer GET /health. */
export const handler = async (event: HookEvent, context?: Context): Promise<void> => {
  if (context) logger.addContext(context);
  let targets: string[];
  try {
    targets = versions();
  } catch (error) {
    // Unreported, CodeDeploy would wait for the hook's answer until its own timeout.
    await ports.report(event, 'Failed');
    throw error;
  }
  const outcome = await runPreTrafficCheck(event, targets, ports);
  if (outcome.status === 'Succeeded')
    logger.info('pre-traffic check passed', { deploymentId: event.DeploymentId, versions: targets });
  else
    logger.error('pre-traffic check failed: CodeDeploy rolls the deployment back', {
      deploymentId: event.DeploymentId,
      problems: outcome.problems,
    });
};
