import { PutLifecycleEventHookExecutionStatusCommand } from '@aws-sdk/client-codedeploy';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import type { Context } from 'aws-lambda';
import { codeDeployClient, lambdaClient } from '../lib/aws-clients.js';
import { readConfig, text } from '../lib/config.js';
import { withMetrics } from '../lib/metrics.js';
import { logger } from '../lib/observability.js';
import { runPreTrafficCheck, type HookEvent, type HookPorts } from '../deployment/pre-traffic.js';

/** What this function reads from its environment (template.yaml declares exactly these for it). */
export const settings = {
  /** The API functions' version ARNs this deployment ships, space-separated (template.yaml sets them). */
  apiFunctionVersions: text('API_FUNCTION_VERSIONS'),
};

// Read at each invocation: CodeDeploy runs the hook once per deployment, so there is nothing to cache.
const versions = () => readConfig(settings).apiFunctionVersions.split(/\s+/).filter(Boolean);

const ports: HookPorts = {
  async invoke(versionArn, payload) {
    const out = await lambdaClient().send(
      new InvokeCommand({ FunctionName: versionArn, Payload: new TextEncoder().encode(payload) }),
    );
    return { functionError: out.FunctionError, payload: new TextDecoder().decode(out.Payload) };
  },
  async report(event, status) {
    await codeDeployClient().send(
      new PutLifecycleEventHookExecutionStatusCommand({
        deploymentId: event.DeploymentId,
        lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
        status,
      }),
    );
  },
};

/** CodeDeploy BeforeAllowTraffic hook: the API functions' new versions must answer GET /health. */
async function check(event: HookEvent, context?: Context): Promise<void> {
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
}

/** Its cold start is counted like every function's (src/lib/metrics.ts). */
export const handler = withMetrics(check);
