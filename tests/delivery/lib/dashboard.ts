/**
 * template.yaml's CloudWatch dashboard, read as CloudWatch reads its body
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html):
 * every widget must chart something the stack has. AWS metrics must name the template's functions,
 * queues and API (API Gateway names a REST API imported from OpenAPI after info.title, the ApiName
 * dimension); the service's own metrics must be those src/lib/metric-names.ts defines, in the
 * MetricsNamespace the functions emit to, with the dimensions Powertools gives them.
 */
import { METRICS, SERVICE_DIMENSION } from '../../../src/lib/metric-names.js';
import type { JsonObject } from 'sam-local/template';
import { isObject, text } from './json.js';

interface Template {
  Globals?: JsonObject;
  Resources: Record<string, { Type: string; Condition?: string; Properties?: JsonObject }>;
}

type Metric = (string | JsonObject)[];
interface Widget {
  type: string;
  properties: { region?: string; metrics?: (Metric | JsonObject)[]; markdown?: string };
}

/** The dashboard body with every `${...}` of its Fn::Sub kept as written (they are JSON-safe). */
export function dashboardBody(template: Template): { widgets: Widget[] } {
  const dashboards = Object.values(template.Resources).filter((r) => r.Type === 'AWS::CloudWatch::Dashboard');
  if (dashboards.length !== 1) throw new Error(`expected one dashboard, found ${dashboards.length}`);
  const sub = (dashboards[0]!.Properties?.DashboardBody as JsonObject | undefined)?.['Fn::Sub'];
  if (typeof sub !== 'string') throw new Error('DashboardBody is not an Fn::Sub string');
  return JSON.parse(sub) as { widgets: Widget[] };
}

/** The CloudWatch SEARCH expressions of the service's own metrics: namespace, dimensions, name. */
export function searchesOf(widgets: Widget[]) {
  return widgets.flatMap((w) =>
    (w.properties.metrics ?? []).flatMap((m) => {
      const expression = isObject(m) ? text(m.expression) : '';
      const found = /^SEARCH\('\{"([^"]+)",([^}]*)\} MetricName="([^"]+)"', '[^']+', \d+\)$/.exec(expression);
      return found ? [{ namespace: found[1]!, dimensions: found[2]!.split(','), metric: found[3]! }] : [];
    }),
  );
}

const metricLines = (widgets: Widget[]) =>
  widgets.flatMap((w) => (w.properties.metrics ?? []).filter((m): m is Metric => Array.isArray(m)));

/** What is wrong with the dashboard, or [] when every widget names real things. */
export function dashboardProblems(template: Template, apiName: string): string[] {
  const problems: string[] = [];
  const { widgets } = dashboardBody(template);
  const of = (type: string) =>
    Object.entries(template.Resources)
      .filter(([, r]) => r.Type === type && r.Condition === undefined)
      .map(([id]) => id);
  const functions = of('AWS::Serverless::Function');
  const queues = of('AWS::SQS::Queue');

  for (const w of widgets)
    if (w.type === 'metric' && w.properties.region !== '${AWS::Region}')
      problems.push(`a ${w.type} widget is not in the stack's region`);

  const lines = metricLines(widgets);
  const dims = (m: Metric) => {
    const out: Record<string, string> = {};
    for (let i = 2; i + 1 < m.length && typeof m[i] === 'string'; i += 2)
      out[m[i] as string] = m[i + 1] as string;
    return out;
  };
  const ref = (value: string | undefined) => /^\$\{([A-Za-z0-9]+)(?:\.[A-Za-z]+)?\}$/.exec(value ?? '')?.[1];

  // Every function: Errors, Throttles, Duration, ConcurrentExecutions, by its name (Ref).
  for (const metric of ['Errors', 'Throttles', 'Duration', 'ConcurrentExecutions']) {
    const charted = lines
      .filter((m) => m[0] === 'AWS/Lambda' && m[1] === metric)
      .map((m) => ref(dims(m).FunctionName));
    for (const id of charted)
      if (!functions.includes(id ?? ''))
        problems.push(`AWS/Lambda ${metric}: ${id} is no function of the template`);
    for (const id of functions)
      if (!charted.includes(id)) problems.push(`AWS/Lambda ${metric}: ${id} is not charted`);
  }

  // The API stage: requests, 4xx, 5xx, latency p50 and p99, by the API's name and the Stage parameter.
  const apiLines = lines.filter((m) => m[0] === 'AWS/ApiGateway');
  for (const m of apiLines) {
    const d = dims(m);
    if (d.ApiName !== apiName)
      problems.push(`AWS/ApiGateway ${text(m[1])}: ApiName ${d.ApiName} is not the API's name (${apiName})`);
    if (d.Stage !== '${Stage}')
      problems.push(`AWS/ApiGateway ${text(m[1])}: Stage is not the Stage parameter`);
  }
  for (const metric of ['Count', '4XXError', '5XXError', 'Latency'])
    if (!apiLines.some((m) => m[1] === metric)) problems.push(`AWS/ApiGateway ${metric} is not charted`);
  const latencyStats = apiLines
    .filter((m) => m[1] === 'Latency')
    .map((m) => (isObject(m[m.length - 1]) ? text((m[m.length - 1] as JsonObject).stat) : ''));
  for (const stat of ['p50', 'p99'])
    if (!latencyStats.includes(stat)) problems.push(`AWS/ApiGateway Latency ${stat} is not charted`);

  // Every queue's depth (the DLQ's included), and the age of the oldest message of every queue that
  // dead-letters (the jobs queue: how long jobs wait).
  const sqsLines = lines.filter((m) => m[0] === 'AWS/SQS');
  for (const m of sqsLines) {
    const id = ref(dims(m).QueueName);
    if (!queues.includes(id ?? '') || !/\.QueueName\}$/.test(dims(m).QueueName ?? ''))
      problems.push(`AWS/SQS ${text(m[1])}: ${dims(m).QueueName} is not a queue's QueueName`);
  }
  for (const q of queues)
    if (!sqsLines.some((m) => m[1] === 'ApproximateNumberOfMessagesVisible' && ref(dims(m).QueueName) === q))
      problems.push(`AWS/SQS ApproximateNumberOfMessagesVisible of ${q} is not charted`);
  const redriven = queues.filter((q) => isObject(template.Resources[q]?.Properties?.RedrivePolicy));
  for (const q of redriven)
    if (!sqsLines.some((m) => m[1] === 'ApproximateAgeOfOldestMessage' && ref(dims(m).QueueName) === q))
      problems.push(`AWS/SQS ApproximateAgeOfOldestMessage of ${q} is not charted`);

  // The service's own metrics: exactly those of src/lib/metric-names.ts, in MetricsNamespace.
  const namespaceVar = (
    (template.Globals?.Function as JsonObject | undefined)?.Environment as JsonObject | undefined
  )?.Variables as JsonObject | undefined;
  if (
    JSON.stringify(namespaceVar?.POWERTOOLS_METRICS_NAMESPACE) !== JSON.stringify({ Ref: 'MetricsNamespace' })
  )
    problems.push('Globals do not give the functions POWERTOOLS_METRICS_NAMESPACE = MetricsNamespace');
  const searches = searchesOf(widgets);
  for (const s of searches) {
    if (s.namespace !== '${MetricsNamespace}')
      problems.push(`${s.metric}: namespace ${s.namespace} is not MetricsNamespace`);
    const defined = METRICS[s.metric as keyof typeof METRICS];
    if (!defined) {
      problems.push(`${s.metric} is not a metric of src/lib/metric-names.ts`);
      continue;
    }
    const want = [SERVICE_DIMENSION, ...defined.dimensions].sort();
    if (JSON.stringify([...s.dimensions].sort()) !== JSON.stringify(want))
      problems.push(`${s.metric}: dimensions ${s.dimensions.join(',')} are not ${want.join(',')}`);
  }
  for (const name of Object.keys(METRICS))
    if (!searches.some((s) => s.metric === name)) problems.push(`${name} is not charted`);
  return problems;
}
