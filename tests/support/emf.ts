/**
 * Reads CloudWatch embedded metric format (EMF) lines as CloudWatch Logs does, checking the rules of
 * the specification (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html):
 * the root holds `_aws` with a numeric `Timestamp` and a `CloudWatchMetrics` array of directives; each
 * directive has a `Namespace`, `Dimensions` (arrays of at most 30 names, each with a string member in
 * the root) and `Metrics` (at most 100, each with a number or an array of at most 100 numbers in the
 * root). A line that breaks a rule throws, naming it: CloudWatch would extract nothing from it.
 */

export interface EmfMetric {
  namespace: string;
  name: string;
  unit: string | undefined;
  /** The dimension names and values of one dimension set. */
  dimensions: Record<string, string>;
  values: number[];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The metrics one EMF line yields: one entry per metric and dimension set. */
export function parseEmf(line: string): EmfMetric[] {
  const root: unknown = JSON.parse(line);
  if (!isObject(root) || !isObject(root._aws)) throw new Error('no _aws member');
  const { Timestamp, CloudWatchMetrics } = root._aws;
  if (typeof Timestamp !== 'number') throw new Error('_aws.Timestamp is not a number');
  if (!Array.isArray(CloudWatchMetrics)) throw new Error('_aws.CloudWatchMetrics is not an array');
  const out: EmfMetric[] = [];
  for (const directive of CloudWatchMetrics as unknown[]) {
    if (!isObject(directive)) throw new Error('a metric directive is not an object');
    const { Namespace, Dimensions, Metrics } = directive;
    if (typeof Namespace !== 'string' || Namespace.length < 1 || Namespace.length > 1024)
      throw new Error('Namespace is not a string of 1-1024 characters');
    if (!Array.isArray(Dimensions) || !Array.isArray(Metrics) || Metrics.length > 100)
      throw new Error('Dimensions or Metrics is not an array (of at most 100 metrics)');
    const sets = (Dimensions as unknown[]).map((set) => {
      if (!Array.isArray(set) || set.length > 30 || !set.every((d) => typeof d === 'string'))
        throw new Error('a dimension set is not an array of at most 30 names');
      return Object.fromEntries(
        set.map((d) => {
          if (typeof root[d] !== 'string') throw new Error(`dimension ${d} has no string value in the root`);
          return [d, root[d]];
        }),
      );
    });
    for (const metric of Metrics as unknown[]) {
      if (!isObject(metric) || typeof metric.Name !== 'string') throw new Error('a metric has no Name');
      const value = root[metric.Name];
      const values = Array.isArray(value) ? value : [value];
      if (values.length > 100 || !values.every((v) => typeof v === 'number'))
        throw new Error(`metric ${metric.Name} has no number (or array of at most 100) in the root`);
      // No dimension set at all: the metric is extracted once, without dimensions.
      for (const dimensions of sets.length > 0 ? sets : [{}])
        out.push({
          namespace: Namespace,
          name: metric.Name,
          unit: typeof metric.Unit === 'string' ? metric.Unit : undefined,
          dimensions,
          values: values,
        });
    }
  }
  return out;
}

/** The EMF lines among output lines (a JSON object with an `_aws` member), parsed. */
export function emfMetricsIn(lines: string[]): EmfMetric[] {
  return lines
    .map((l) => l.trim())
    .filter((l) => l.startsWith('{') && l.includes('"_aws"'))
    .flatMap(parseEmf);
}
