/** --fault around a handler: record by record for an SQS batch, the whole invocation otherwise. */
import { InjectedFault, invokeWithFaults, type FaultOptions } from '../../src/lambda/faults.js';

const record = (messageId: string, receiveCount = '1') => ({
  messageId,
  body: `body of ${messageId}`,
  eventSource: 'aws:sqs',
  attributes: { ApproximateReceiveCount: receiveCount },
});
const batch = (...ids: string[]) => ({ Records: ids.map((id) => record(id)) });

/** Draws from `draws` in order: a draw below the rate fails. */
function options(rate: number, draws: number[], reportBatchItemFailures = true) {
  const reported: string[] = [];
  const queue = [...draws];
  const o: FaultOptions = {
    rate,
    random: () => queue.shift() ?? 1,
    reportBatchItemFailures,
    report: (d) => reported.push(d),
  };
  return { o, reported };
}

/** A handler that records the events it was given and returns `result`. */
function handlerReturning(result: unknown) {
  const seen: unknown[] = [];
  return { seen, handler: (event: unknown) => (seen.push(event), Promise.resolve(result)) };
}

describe('an SQS batch, with ReportBatchItemFailures', () => {
  it('hands the handler only the records that did not fail, and reports the failed ones as batch item failures', async () => {
    const { seen, handler } = handlerReturning({ batchItemFailures: [{ itemIdentifier: 'c' }] });
    const { o, reported } = options(0.5, [0.9, 0.1, 0.9]);
    const result = await invokeWithFaults(batch('a', 'b', 'c'), handler, o);
    expect((seen[0] as { Records: { messageId: string }[] }).Records.map((r) => r.messageId)).toEqual([
      'a',
      'c',
    ]);
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'c' }, { itemIdentifier: 'b' }] });
    expect(reported).toEqual(['record b failed on purpose (receive count 1)']);
  });

  it('adds the failures to a handler result without batchItemFailures (all succeeded)', async () => {
    for (const returned of [undefined, null, {}, { other: 1 }]) {
      const { handler } = handlerReturning(returned);
      const result = await invokeWithFaults(batch('a', 'b'), handler, options(0.5, [0.1, 0.9]).o);
      expect(result).toEqual({
        ...(returned as object | null),
        batchItemFailures: [{ itemIdentifier: 'a' }],
      });
    }
  });

  it('leaves a malformed batchItemFailures as it is (Lambda already retries the whole batch for it)', async () => {
    const { handler } = handlerReturning({ batchItemFailures: 'oops' });
    const result = await invokeWithFaults(batch('a', 'b'), handler, options(0.5, [0.1, 0.9]).o);
    expect(result).toEqual({ batchItemFailures: 'oops' });
  });

  it('does not call the handler when every record failed (Lambda never sends an empty batch)', async () => {
    const { seen, handler } = handlerReturning('never');
    const result = await invokeWithFaults(batch('a', 'b'), handler, options(1, [0, 0]).o);
    expect(seen).toEqual([]);
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'a' }, { itemIdentifier: 'b' }] });
  });

  it('runs the handler on the whole batch, untouched, when nothing failed', async () => {
    const { seen, handler } = handlerReturning({ batchItemFailures: [] });
    const event = batch('a', 'b');
    const { o, reported } = options(0.2, [0.5, 0.5]);
    expect(await invokeWithFaults(event, handler, o)).toEqual({ batchItemFailures: [] });
    expect(seen).toEqual([event]);
    expect(reported).toEqual([]);
  });
});

describe('an SQS batch without ReportBatchItemFailures', () => {
  it('fails the invocation (the whole batch returns to the queue) without running the handler', async () => {
    const { seen, handler } = handlerReturning(null);
    const { o, reported } = options(0.5, [0.9, 0.1], false);
    await expect(invokeWithFaults(batch('a', 'b'), handler, o)).rejects.toThrow(InjectedFault);
    expect(seen).toEqual([]);
    expect(reported).toEqual(['record b failed on purpose (receive count 1)']);
  });
});

describe('any other event', () => {
  it('fails the invocation with the given probability, before the handler runs', async () => {
    const { seen, handler } = handlerReturning({ statusCode: 200 });
    const failing = options(0.3, [0.29]);
    await expect(invokeWithFaults({ path: '/' }, handler, failing.o)).rejects.toThrow(InjectedFault);
    expect(failing.reported).toEqual(['invocation failed on purpose']);
    expect(seen).toEqual([]);

    const passing = options(0.3, [0.3]);
    expect(await invokeWithFaults({ path: '/' }, handler, passing.o)).toEqual({ statusCode: 200 });
    expect(seen).toEqual([{ path: '/' }]);
  });

  it('treats records from another source (not every one aws:sqs) as one invocation', async () => {
    const { handler } = handlerReturning('ok');
    const mixed = { Records: [record('a'), { ...record('b'), eventSource: 'aws:sns' }] };
    const { o, reported } = options(0.5, [0.1]);
    await expect(invokeWithFaults(mixed, handler, o)).rejects.toThrow(InjectedFault);
    expect(reported).toEqual(['invocation failed on purpose']);
  });
});
