/** The metrics port's fake: keeps what a service recorded, for tests to read. */
import type { MetricName } from '../../../src/lib/metric-names.js';
import type { DimensionArgument, MetricsRecorder, RecordedMetric } from '../../../src/lib/metrics-port.js';

export interface Recorded {
  name: MetricName;
  value: number;
  dimensions: Readonly<Record<string, string>>;
}

export class RecordedMetrics implements MetricsRecorder {
  readonly recorded: Recorded[] = [];

  record<N extends RecordedMetric>(name: N, value: number, ...dimensions: DimensionArgument<N>): void {
    this.recorded.push({ name, value, dimensions: dimensions[0] ?? {} });
  }

  /** The counts recorded, as `Name{dimension=value}` (durations leave them out: their values vary). */
  counts(): string[] {
    return this.recorded
      .filter((r) => !['ProcessingDuration', 'QueueWait'].includes(r.name))
      .map(
        (r) =>
          `${r.name}{${Object.entries(r.dimensions)
            .map(([k, v]) => `${k}=${v}`)
            .join(',')}}`,
      );
  }

  /** The values recorded under `name`. */
  values(name: MetricName): number[] {
    return this.recorded.filter((r) => r.name === name).map((r) => r.value);
  }
}
