/** What every job type module provides. */
export type JobPayload = Record<string, unknown>;

export interface JobTypeModule {
  /** One line for logs and docs. */
  readonly description: string;
  /**
   * What is wrong with a payload for this type, as a field error, or undefined when it is usable.
   * Submit refuses such a payload with 400 before anything is queued; `run` must still refuse it.
   */
  payloadProblem?(payload: JobPayload): { pointer: string; message: string } | undefined;
  /**
   * Computes the result from the payload. It must be deterministic (a redelivered message rewrites
   * the same result bytes) and free of side effects: the processor stores the result.
   * Throw NonRetryableJobError when the payload cannot work for this type; any other error is retried.
   */
  run(payload: JobPayload): unknown;
}
