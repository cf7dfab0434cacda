/** What every job type module provides. */
export type JobPayload = Record<string, unknown>;

export interface JobTypeModule {
  /** One line for logs and docs. */
  readonly description: string;
  /**
   * Computes the result from the payload. It must be deterministic (a redelivered message rewrites
   * the same result bytes) and free of side effects: the processor stores the result.
   * Throw NonRetryableJobError when the payload cannot work for this type; any other error is retried.
   */
  run(payload: JobPayload): unknown;
}
