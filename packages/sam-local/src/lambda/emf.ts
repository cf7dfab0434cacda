/**
 * CloudWatch embedded metric format (EMF) lines a function writes to stdout
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html):
 * in AWS, CloudWatch Logs extracts the metrics from them. Locally nothing does, so the runner prints
 * each one readably (`METRIC name=value unit ... dimensions`) and can sum them for a run
 * (`--metrics`). Written by hand: the format is a small JSON document, and no library reads it back.
 */

export interface EmfMetric {
  namespace: string;
  name: string;
  unit: string;
  value: number;
  /** Dimension name -> value, in the order the line declares them. */
  dimensions: Record<string, string>;
}

interface EmfDirective {
  Namespace?: unknown;
  Dimensions?: unknown;
  Metrics?: unknown;
}

/** The metrics of one EMF document, or undefined when `entry` is not one. */
export function emfMetrics(entry: Record<string, unknown>): EmfMetric[] | undefined {
  const aws = entry._aws as { CloudWatchMetrics?: unknown } | undefined;
  if (!aws || !Array.isArray(aws.CloudWatchMetrics)) return undefined;
  const out: EmfMetric[] = [];
  for (const directive of aws.CloudWatchMetrics as EmfDirective[]) {
    const namespace = typeof directive.Namespace === 'string' ? directive.Namespace : '';
    // A directive may declare several dimension sets; each metric is recorded under each of them.
    const sets = Array.isArray(directive.Dimensions) ? (directive.Dimensions as unknown[]) : [[]];
    for (const metric of Array.isArray(directive.Metrics) ? (directive.Metrics as unknown[]) : []) {
      const { Name, Unit } = (metric ?? {}) as { Name?: unknown; Unit?: unknown };
      if (typeof Name !== 'string') continue;
      const raw = entry[Name];
      for (const value of Array.isArray(raw) ? raw : [raw]) {
        if (typeof value !== 'number') continue;
        for (const set of sets) {
          const dimensions: Record<string, string> = {};
          for (const d of Array.isArray(set) ? (set as unknown[]) : [])
            if (typeof d === 'string')
              dimensions[d] = typeof entry[d] === 'string' ? entry[d] : JSON.stringify(entry[d]);
          out.push({
            namespace,
            name: Name,
            unit: typeof Unit === 'string' ? Unit : 'None',
            value,
            dimensions,
          });
        }
      }
    }
  }
  return out;
}

const dimensionsText = (d: Record<string, string>) =>
  Object.entries(d)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');

/** One readable line per dimension set: `METRIC JobCompleted=1 Count jobType=echo service=...`. */
export function formatEmf(metrics: EmfMetric[]): string[] {
  const bySet = new Map<string, EmfMetric[]>();
  for (const m of metrics) {
    const key = `${m.namespace}\u0000${dimensionsText(m.dimensions)}`;
    bySet.set(key, [...(bySet.get(key) ?? []), m]);
  }
  return [...bySet.values()].map((group) => {
    const first = group[0] as EmfMetric;
    const values = group.map((m) => `${m.name}=${m.value} ${m.unit}`).join(', ');
    const dims = dimensionsText(first.dimensions);
    return `METRIC ${values}${dims ? `  ${dims}` : ''}  (${first.namespace})`;
  });
}

/** Sums the metrics of a run, per namespace, name, unit and dimensions (`--metrics` prints it at exit). */
export class MetricsTally {
  private readonly totals = new Map<string, { metric: EmfMetric; count: number; sum: number }>();

  add(metrics: EmfMetric[]): void {
    for (const m of metrics) {
      const key = [m.namespace, m.name, m.unit, dimensionsText(m.dimensions)].join('\u0000');
      const total = this.totals.get(key) ?? { metric: m, count: 0, sum: 0 };
      total.count += 1;
      total.sum += m.value;
      this.totals.set(key, total);
    }
  }

  /** `namespace name{dimensions}: sum unit (n values)`, sorted; empty when nothing was recorded. */
  summary(): string[] {
    return [...this.totals.values()]
      .map(({ metric: m, count, sum }) => {
        const dims = dimensionsText(m.dimensions);
        return `${m.namespace} ${m.name}${dims ? `{${dims}}` : ''}: ${sum} ${m.unit} (${count} value${count === 1 ? '' : 's'})`;
      })
      .sort();
  }
}
