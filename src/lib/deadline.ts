/**
 * A Lambda invocation ends at its timeout whatever is still running. A timeout is a function error,
 * and then "all messages in that batch become visible in the queue again by default, including
 * messages that Lambda processed successfully"
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html): no partial batch
 * response is read. The processor stops waiting for a record a margin before the deadline instead, and reports it as a
 * batch item failure: it comes back after the visibility timeout, while the records that finished
 * are deleted. Work already under way for it is not cancelled; every processing step is safe to
 * repeat (process.ts), so a redelivery finishes or skips it.
 */
export class DeadlineExceededError extends Error {
  override readonly name = 'DeadlineExceededError';
}

/** Time kept back for returning the batch response before Lambda's timeout, in milliseconds. */
export const DEADLINE_MARGIN_MS = 2000;

/**
 * Runs `work` if the deadline leaves time for it, and settles no later than `marginMs` before the
 * deadline: with `work`'s outcome, or with DeadlineExceededError. `remainingMs` is the invocation's
 * `context.getRemainingTimeInMillis`.
 */
export async function withinDeadline<T>(
  work: () => Promise<T>,
  remainingMs: () => number,
  marginMs = DEADLINE_MARGIN_MS,
): Promise<T> {
  const available = remainingMs() - marginMs;
  if (available <= 0)
    throw new DeadlineExceededError('Not started: the invocation is too close to its timeout');
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DeadlineExceededError('Not finished before the invocation’s timeout')),
      available,
    );
  });
  try {
    return await Promise.race([work(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
