/**
 * The service's own metrics as the local stack shows them: each function's EMF lines (Powertools
 * Metrics, src/lib/metrics.ts), in the namespace and with the service the template gives every
 * function (Globals). The stack runs with --json-logs, so the lines are printed as CloudWatch Logs
 * would receive them (`[Function] {"_aws":...}`; without it the runner prints them readably), and
 * with --metrics, so it sums them at exit.
 */
import { randomUUID } from 'node:crypto';
import type { JsonObject } from 'sam-local/template';
import { createApiClient } from '../../api/client.js';
import { emfMetricsIn, type EmfMetric } from '../support/emf.js';
import { loggedLines } from '../support/emulators.js';
import { eventually } from '../support/eventually.js';
import { rawTemplate } from '../support/project.js';
import { startStack, type StackTarget } from '../support/stack.js';
import { apiAs, signUpConfirmAndLogin } from '../support/users.js';

const parameters = rawTemplate.Parameters as Record<string, JsonObject>;
const NAMESPACE = parameters.MetricsNamespace!.Default as string;
const globals = ((rawTemplate.Globals as JsonObject).Function as JsonObject).Environment as JsonObject;
const SERVICE = (globals.Variables as JsonObject).POWERTOOLS_SERVICE_NAME as string;

let stack: StackTarget;
beforeAll(async () => {
  stack = await startStack({ args: ['--json-logs', '--metrics'] });
}, 90000);
afterAll(async () => {
  await stack?.stop();
});

/** The metrics a function's EMF lines carry so far, as the runner printed them. */
function emittedBy(functionId: string): EmfMetric[] {
  const prefix = `[${functionId}] `;
  const lines = stack
    .logs()
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith(prefix))
    .map((l) => l.slice(prefix.length));
  return emfMetricsIn(lines);
}

const find = (metrics: EmfMetric[], name: string, dimensions: Record<string, string>) =>
  metrics.filter(
    (m) =>
      m.name === name && JSON.stringify(m.dimensions) === JSON.stringify({ service: SERVICE, ...dimensions }),
  );

it('a completed job: submitted, waited, ran and completed, by type, in the template namespace', async () => {
  const user = await signUpConfirmAndLogin(stack);
  const api = apiAs(stack, user);
  const submitted = await api.POST('/submit-job-request', {
    body: { jobType: 'word-count', payload: { text: 'metrics from the local stack' } },
  });
  expect(submitted.response.status).toBe(202);
  const jobId = submitted.data!.jobId;
  await eventually(`job ${jobId} complete`, async () => {
    const { data } = await api.GET('/job-status/{jobId}', { params: { path: { jobId } } });
    return data?.jobStatus === 'complete' ? data : undefined;
  });
  await loggedLines(stack, /\[JobProcessorFunction\] \{"_aws".*"JobCompleted"/);

  const submitter = emittedBy('SubmitJobFunction');
  const processor = emittedBy('JobProcessorFunction');
  for (const m of [...submitter, ...processor]) expect(m.namespace).toBe(NAMESPACE);
  expect(find(submitter, 'JobSubmitted', { jobType: 'word-count' })).toEqual([
    expect.objectContaining({ unit: 'Count', values: [1] }),
  ]);
  expect(find(processor, 'JobCompleted', { jobType: 'word-count' })).toEqual([
    expect.objectContaining({ unit: 'Count', values: [1] }),
  ]);
  for (const name of ['QueueWait', 'ProcessingDuration']) {
    const [timing] = find(processor, name, {});
    expect(timing).toEqual(expect.objectContaining({ unit: 'Milliseconds' }));
    expect(timing!.values).toHaveLength(1);
    expect(timing!.values[0]).toBeGreaterThanOrEqual(0);
  }
  // Each function's first invocation is a cold start, named after its physical function name.
  expect(processor.filter((m) => m.name === 'ColdStart')).toEqual([
    expect.objectContaining({
      dimensions: {
        service: SERVICE,
        function_name: expect.stringContaining('JobProcessorFunction') as string,
      },
      values: [1],
    }),
  ]);
}, 60000);

it('a refused token: counted by the authorizer by its reason class', async () => {
  // A fresh token each run: API Gateway caches the authorizer's answer per token.
  const garbage = `not-a-jwt-${randomUUID()}`;
  const res = await createApiClient(stack.baseUrl, { headers: { Authorization: `Bearer ${garbage}` } }).GET(
    '/users/me',
  );
  expect(res.response.status).toBe(401);
  await loggedLines(stack, /\[AuthorizerFunction\] \{"_aws".*"AuthorizerRefused"/);
  expect(find(emittedBy('AuthorizerFunction'), 'AuthorizerRefused', { reason: 'malformed' })).toEqual([
    expect.objectContaining({ namespace: NAMESPACE, unit: 'Count', values: [1] }),
  ]);
}, 30000);

it('--metrics sums what the run recorded when the stack stops', async () => {
  await stack.stop();
  const summary = stack.logs().slice(stack.logs().indexOf('Metrics recorded this run'));
  expect(summary).toContain(
    `${NAMESPACE} JobCompleted{service=${SERVICE} jobType=word-count}: 1 Count (1 value)`,
  );
  expect(summary).toContain(
    `${NAMESPACE} JobSubmitted{service=${SERVICE} jobType=word-count}: 1 Count (1 value)`,
  );
  expect(summary).toContain(
    `${NAMESPACE} AuthorizerRefused{service=${SERVICE} reason=malformed}: 1 Count (1 value)`,
  );
}, 30000);
