/**
 * The port services record the service's own metrics through. Services stay free of Powertools:
 * the functions give them src/lib/metrics.ts's recorder (wired in each feature's composition), tests
 * a fake that keeps what was recorded (tests/support/fakes/metrics.ts). Names, units and dimensions
 * are those of src/lib/metric-names.ts, checked by the compiler: a service cannot record a metric the
 * dashboard does not chart, leave out a dimension, or add one.
 */
import type { COLD_START_METRIC, METRICS, MetricName } from './metric-names.js';

/** The metrics a service records (the cold start is Powertools' own). */
export type RecordedMetric = Exclude<MetricName, typeof COLD_START_METRIC>;

/** The dimension values a metric takes: exactly its dimensions, each a string. */
export type MetricDimensions<N extends MetricName> = {
  readonly [D in (typeof METRICS)[N]['dimensions'][number]]: string;
};

/** A metric without dimensions takes none; one with dimensions takes all of them. */
export type DimensionArgument<N extends MetricName> = [(typeof METRICS)[N]['dimensions'][number]] extends [
  never,
]
  ? []
  : [dimensions: MetricDimensions<N>];

export interface MetricsRecorder {
  /** Records one value (1 for a count, milliseconds for a duration); it is written at the invocation's end. */
  record<N extends RecordedMetric>(name: N, value: number, ...dimensions: DimensionArgument<N>): void;
}
