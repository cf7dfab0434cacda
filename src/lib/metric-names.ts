/**
 * The service's own CloudWatch metrics: the one list of their names, units and dimensions. Code
 * emits them with Powertools Metrics (namespace POWERTOOLS_METRICS_NAMESPACE, template parameter
 * MetricsNamespace) through src/lib/metrics.ts only, which takes its names from here; template.yaml's
 * Dashboard charts each one, and tests/delivery/dashboard.test.ts fails when the two disagree.
 * Powertools adds a `service` dimension (POWERTOOLS_SERVICE_NAME) to every metric besides the
 * dimensions listed here (https://docs.aws.amazon.com/powertools/typescript/latest/features/metrics/).
 * Every dimension takes its values from a small closed set (job types, refusal reasons, function
 * names): never a user, job or request id, each distinct value being a metric CloudWatch bills.
 */
export const METRICS = {
  /** A container's first invocation. Powertools emits it itself (captureColdStartMetric), by function name. */
  ColdStart: { unit: 'Count', dimensions: ['function_name'] },
  /** A new job was recorded and queued (POST /submit-job-request; an idempotent replay is not counted). */
  JobSubmitted: { unit: 'Count', dimensions: ['jobType'] },
  /** A job's result was written and the job marked complete. */
  JobCompleted: { unit: 'Count', dimensions: ['jobType'] },
  /** A job was marked failed: a non-retryable error, its message reached the DLQ, or it could not be queued. */
  JobFailed: { unit: 'Count', dimensions: ['jobType'] },
  /** Time from the processor picking a job up until it was marked complete or failed (the run and the result write). */
  ProcessingDuration: { unit: 'Milliseconds', dimensions: [] },
  /** Time from submission (the job's createdAt) until the processor first picked the job up. */
  QueueWait: { unit: 'Milliseconds', dimensions: [] },
  /** An upload link was handed out (POST /uploads). */
  UploadCreated: { unit: 'Count', dimensions: [] },
  /** The authorizer refused a token, by why (src/auth/refusal.ts: expired, signature, audience, ...). */
  AuthorizerRefused: { unit: 'Count', dimensions: ['reason'] },
} as const satisfies Record<string, { unit: 'Count' | 'Milliseconds'; dimensions: readonly string[] }>;

export type MetricName = keyof typeof METRICS;

/** The dimension Powertools Metrics adds to every metric. */
export const SERVICE_DIMENSION = 'service';

/** The metric Powertools' captureColdStartMetric emits under its own name; the code never records it. */
export const COLD_START_METRIC = 'ColdStart' satisfies MetricName;
