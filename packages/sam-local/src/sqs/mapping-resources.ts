/**
 * Standalone `AWS::Lambda::EventSourceMapping` resources, read as the SAM `Events` entry of type SQS
 * they are equivalent to (SAM itself turns such an event into this resource:
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-generated-resources-function.html),
 * so one poller implementation serves both. `FunctionName` names a function of the template (`!Ref`
 * or `!GetAtt .Arn`), `EventSourceArn` the queue; `BatchSize`, `MaximumBatchingWindowInSeconds`,
 * `FunctionResponseTypes`, `ScalingConfig` and `Enabled` have the same names and meaning
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-eventsourcemapping.html).
 */
import { functionOfReference } from '../apigw/definition.js';
import { referencedIds } from '../sam/intrinsics.js';
import type { JsonObject, SamTemplate } from '../sam/template.js';

export const EVENT_SOURCE_MAPPING = 'AWS::Lambda::EventSourceMapping';

export interface DeclaredSqsEvent {
  functionId: string;
  /** For people: `<Function>.<Event>`, or the mapping's logical id. */
  eventName: string;
  /** The properties of a SAM SQS event (Queue, BatchSize, ...). */
  properties: JsonObject;
}

/** The template's EventSourceMapping resources on SQS queues, as SQS events of their functions. */
export function sqsMappingResources(
  template: SamTemplate,
  functionIds: ReadonlySet<string>,
  warn: (message: string) => void,
): DeclaredSqsEvent[] {
  const found: DeclaredSqsEvent[] = [];
  for (const [id, r] of Object.entries(template.Resources)) {
    if (r.Type !== EVENT_SOURCE_MAPPING) continue;
    const p = r.Properties ?? {};
    const functionId =
      [...referencedIds(p.FunctionName ?? null)]
        .map((ref) => functionOfReference(ref, functionIds))
        .find((fn) => fn !== undefined) ??
      (typeof p.FunctionName === 'string' ? functionOfReference(p.FunctionName, functionIds) : undefined);
    const source = [...referencedIds(p.EventSourceArn ?? null)].map((ref) => template.Resources[ref]?.Type);
    const onQueue =
      source.includes('AWS::SQS::Queue') ||
      (typeof p.EventSourceArn === 'string' && p.EventSourceArn.startsWith('arn:aws:sqs:'));
    if (!functionId) {
      warn(`${EVENT_SOURCE_MAPPING} ${id}: its FunctionName names no function of the template: not polled`);
      continue;
    }
    if (!onQueue) {
      warn(`${EVENT_SOURCE_MAPPING} ${id}: only SQS event sources are emulated: not polled`);
      continue;
    }
    const { EventSourceArn, FunctionName, ...rest } = p;
    void FunctionName;
    found.push({ functionId, eventName: id, properties: { ...rest, Queue: EventSourceArn ?? null } });
  }
  return found;
}
