/**
 * `--fault Function=RATE`: failures injected around a function's handler, in its worker, so a test
 * can watch retries, redrives and error paths without any code in the function for it.
 *
 * - An SQS batch (every record `eventSource: aws:sqs`) fails record by record, each with
 *   probability RATE, before the handler sees it (no side effect). A failing handler reports what
 *   Lambda lets it report:
 *   - with ReportBatchItemFailures, the failed records' ids in `batchItemFailures`, so only those
 *     return to the queue: the handler runs on the other records and the faulted ids are added to
 *     what it returns (or returned alone when every record faulted: Lambda never sends an empty
 *     batch);
 *   - without it, a function can only fail the invocation, and then the whole batch returns to the
 *     queue: the invocation throws without running the handler.
 *   ("When your Lambda function encounters an error while processing a batch, all messages in that
 *   batch become visible in the queue again by default":
 *   https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html#services-sqs-batchfailurereporting)
 * - Any other event: the invocation throws with probability RATE, before the handler runs (through
 *   API Gateway that is the 502 of a failed Lambda integration).
 */

export class InjectedFault extends Error {
  override readonly name = 'InjectedFault';
}

export interface FaultOptions {
  /** Probability of each failure, 0..1. */
  rate: number;
  random: () => number;
  /** The invocation comes from an SQS event source mapping with ReportBatchItemFailures. */
  reportBatchItemFailures: boolean;
  /** Told of each injected failure, in words. */
  report(description: string): void;
}

interface SqsRecord {
  messageId: string;
  eventSource: string;
  attributes?: { ApproximateReceiveCount?: string };
}

function sqsRecords(event: unknown): SqsRecord[] | undefined {
  const records = (event as { Records?: unknown } | null)?.Records;
  if (!Array.isArray(records) || records.length === 0) return undefined;
  const sqs = records.every(
    (r) =>
      typeof r === 'object' &&
      r !== null &&
      (r as SqsRecord).eventSource === 'aws:sqs' &&
      typeof (r as SqsRecord).messageId === 'string',
  );
  return sqs ? (records as SqsRecord[]) : undefined;
}

/** `result` with the faulted ids added to its batchItemFailures (a malformed list is left as it is). */
function withFailures(result: unknown, ids: string[]): unknown {
  const failures = ids.map((itemIdentifier) => ({ itemIdentifier }));
  if (result === null || result === undefined || typeof result !== 'object' || Array.isArray(result))
    return { batchItemFailures: failures };
  const own = (result as { batchItemFailures?: unknown }).batchItemFailures;
  if (own === undefined || own === null) return { ...result, batchItemFailures: failures };
  if (!Array.isArray(own)) return result; // Lambda already fails the whole batch for it
  return { ...result, batchItemFailures: [...(own as unknown[]), ...failures] };
}

/** Runs `handler` on `event` with failures injected as described above. */
export async function invokeWithFaults(
  event: unknown,
  handler: (event: unknown) => Promise<unknown>,
  options: FaultOptions,
): Promise<unknown> {
  const fails = () => options.random() < options.rate;
  const records = sqsRecords(event);
  if (!records) {
    if (!fails()) return handler(event);
    options.report('invocation failed on purpose');
    throw new InjectedFault('Injected fault (sam-local --fault)');
  }
  const faulted = records.filter(() => fails());
  if (faulted.length === 0) return handler(event);
  for (const r of faulted)
    options.report(
      `record ${r.messageId} failed on purpose (receive count ${r.attributes?.ApproximateReceiveCount ?? '?'})`,
    );
  if (!options.reportBatchItemFailures)
    throw new InjectedFault(
      `Injected fault (sam-local --fault): ${faulted.length} of ${records.length} record(s) failed; without ReportBatchItemFailures the whole batch fails`,
    );
  const ids = faulted.map((r) => r.messageId);
  const rest = records.filter((r) => !faulted.includes(r));
  const result = rest.length > 0 ? await handler({ ...(event as object), Records: rest }) : undefined;
  return withFailures(result, ids);
}
