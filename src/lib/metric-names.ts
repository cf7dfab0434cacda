/**
 * The service's own CloudWatch metrics: the one list of their names, units and dimensions. Code
 * emits them with Powertools Metrics (namespace POWERTOOLS_METRICS_NAMESPACE, template parameter
 * MetricsNamespace); template.yaml's Dashboard charts each one, and tests/delivery/dashboard.test.ts
 * fails when the two disagree. Powertools adds a `service` dimension (POWERTOOLS_SERVICE_NAME) to
 * every metric besides the dimensions listed here
 * (https://docs.aws.amazon.com/powertools/typescript/latest/features/metrics/).
 */
export const METRICS = {
  /** A job was recorded and queued (POST /submit-job-request). */
  JobSubmitted: { unit: 'Count', dimensions: ['jobType'] },
  /** A job's result was written and the job marked complete. */
  JobCompleted: { unit: 'Count', dimensions: ['jobType'] },
  /** A job was marked failed (a non-retryable error, or its message reached the DLQ). */
  JobFailed: { unit: 'Count', dimensions: ['jobType'] },
  /** Time the processor spent running one job. */
  ProcessingDuration: { unit: 'Milliseconds', dimensions: [] },
  /** Time from submission until the processor picked the job up. */
  QueueWait: { unit: 'Milliseconds', dimensions: [] },
  /** An upload link was handed out. */
  UploadCreated: { unit: 'Count', dimensions: [] },
  /** The authorizer refused a token, by why (expired, signature, audience, ...). */
  AuthorizerRefused: { unit: 'Count', dimensions: ['reason'] },
} as const satisfies Record<string, { unit: 'Count' | 'Milliseconds'; dimensions: readonly string[] }>;

export type MetricName = keyof typeof METRICS;

/** The dimension Powertools Metrics adds to every metric. */
export const SERVICE_DIMENSION = 'service';
