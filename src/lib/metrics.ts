/**
 * The one module that writes the service's own metrics, with Powertools Metrics: CloudWatch embedded
 * metric format (EMF), one JSON line on stdout per flush, which CloudWatch Logs turns into metrics
 * with no API call from the function
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format.html).
 * Names, units and dimensions come from src/lib/metric-names.ts and nowhere else; the namespace and
 * the `service` dimension from POWERTOOLS_METRICS_NAMESPACE and POWERTOOLS_SERVICE_NAME (template.yaml
 * Globals), read by Powertools. The shared handler wrappers (src/lib/http/handler.ts, src/lib/sqs.ts,
 * the authorizer and the hook) run every invocation through `withMetrics`: the cold start before,
 * the flush after.
 */
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { COLD_START_METRIC, METRICS } from './metric-names.js';
import type { DimensionArgument, MetricsRecorder, RecordedMetric } from './metrics-port.js';
import { logger } from './observability.js';

export class PowertoolsMetrics implements MetricsRecorder {
  /**
   * EMF gives every metric of one line the same dimensions, and Powertools one set of dimensions per
   * instance: so one instance per set of dimension values, each flushed as its own line. Few exist,
   * dimension values being closed sets (metric-names.ts).
   */
  private readonly byDimensions = new Map<string, Metrics>();
  /** Powertools reports the cold start once per instance: this one's first call. */
  private readonly coldStart = new Metrics();

  record<N extends RecordedMetric>(name: N, value: number, ...dimensions: DimensionArgument<N>): void {
    // The compiler holds callers to metric-names.ts; this holds JavaScript and casts to it too.
    const definition = Object.hasOwn(METRICS, name) ? METRICS[name] : undefined;
    if (!definition || (name as string) === COLD_START_METRIC)
      throw new Error(`${name} is not a metric the service records`);
    const given: Readonly<Record<string, string>> = dimensions[0] ?? {};
    const names: readonly string[] = definition.dimensions;
    if (Object.keys(given).length !== names.length || !names.every((d) => typeof given[d] === 'string'))
      throw new Error(`${name} takes the dimensions [${names.join(', ')}]`);
    // A value CloudWatch cannot store (NaN from an unreadable timestamp) is dropped, never thrown: a
    // metric must not fail the work it measures.
    if (!Number.isFinite(value) || value < 0) {
      logger.warn('metric value dropped', { metric: name, value: String(value) });
      return;
    }
    const values = Object.fromEntries(names.map((d) => [d, given[d] as string]));
    const key = JSON.stringify(values);
    let metrics = this.byDimensions.get(key);
    if (!metrics) {
      metrics = new Metrics({ defaultDimensions: values });
      this.byDimensions.set(key, metrics);
    }
    metrics.addMetric(name, definition.unit, value);
  }

  /** Emits ColdStart (dimension function_name) on the container's first invocation only. */
  captureColdStart(context?: Pick<Context, 'functionName'>): void {
    this.coldStart.captureColdStartMetric(context?.functionName);
  }

  /** Writes what was recorded since the last flush: one EMF line per set of dimension values. */
  flush(): void {
    for (const metrics of this.byDimensions.values())
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  }
}

/** The container's recorder: the features' compositions hand it to their services. */
export const metrics = new PowertoolsMetrics();

/**
 * One invocation with metrics: the cold start first, then the handler, then the flush whatever the
 * handler did. Writing metrics never changes the invocation's outcome.
 */
export function withMetrics<E, R>(
  handler: (event: E, context?: Context) => Promise<R>,
  recorder: PowertoolsMetrics = metrics,
): (event: E, context?: Context) => Promise<R> {
  return async (event, context) => {
    try {
      recorder.captureColdStart(context);
    } catch (error) {
      logger.warn('cold start metric not written', { error: error as Error });
    }
    try {
      return await handler(event, context);
    } finally {
      try {
        recorder.flush();
      } catch (error) {
        logger.warn('metrics not written', { error: error as Error });
      }
    }
  };
}
