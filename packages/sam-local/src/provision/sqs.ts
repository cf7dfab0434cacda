/**
 * AWS::SQS::Queue -> CreateQueue (or SetQueueAttributes when it exists), with the template's
 * attributes and RedrivePolicy. A queue is provisioned after the DLQ its RedrivePolicy names (the
 * caller orders resources by their references), since the policy needs the DLQ's ARN.
 */
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  SetQueueAttributesCommand,
} from '@aws-sdk/client-sqs';
import { resolveIntrinsics } from '../sam/intrinsics.js';
import { text, type JsonObject } from '../sam/template.js';
import { physicalName } from './names.js';
import { errorName, type Provisioner } from './types.js';

const PASSED_ATTRIBUTES = [
  'DelaySeconds',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'ReceiveMessageWaitTimeSeconds',
  'VisibilityTimeout',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
];

export const provisionQueue: Provisioner = async (logicalId, rawProps, ctx) => {
  const client = ctx.clients.sqs;
  if (!client) throw new Error('no SQS endpoint');
  const props = resolveIntrinsics(rawProps, ctx.intrinsics) as JsonObject;
  const fifo = props.FifoQueue === true || props.FifoQueue === 'true';
  const name =
    typeof props.QueueName === 'string'
      ? props.QueueName
      : physicalName(ctx.stackName, logicalId, fifo ? 75 : 80) + (fifo ? '.fifo' : '');
  const attributes: Record<string, string> = {};
  for (const key of PASSED_ATTRIBUTES) if (props[key] !== undefined) attributes[key] = text(props[key]);
  if (ctx.sqsVisibilityTimeout !== undefined) attributes.VisibilityTimeout = String(ctx.sqsVisibilityTimeout);
  const redrive = props.RedrivePolicy as JsonObject | undefined;
  if (redrive) {
    attributes.RedrivePolicy = JSON.stringify({
      deadLetterTargetArn: redrive.deadLetterTargetArn,
      maxReceiveCount: Number(redrive.maxReceiveCount),
    });
  }

  let url: string | undefined;
  try {
    url = (await client.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl;
  } catch (e) {
    if (!/NonExistentQueue|QueueDoesNotExist/.test(errorName(e))) throw e;
  }
  if (url) await client.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: attributes }));
  else {
    url = (
      await client.send(
        new CreateQueueCommand({
          QueueName: name,
          Attributes: { ...attributes, ...(fifo ? { FifoQueue: 'true' } : {}) },
        }),
      )
    ).QueueUrl;
  }
  if (!url) throw new Error(`CreateQueue ${name} returned no QueueUrl`);
  const arn =
    (await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] })))
      .Attributes?.QueueArn ?? `arn:aws:sqs:${ctx.region}:${ctx.accountId}:${name}`;

  const details = [
    attributes.VisibilityTimeout ? `visibility ${attributes.VisibilityTimeout} s` : '',
    redrive
      ? `DLQ ${text(redrive.deadLetterTargetArn).split(':').pop()} after ${text(redrive.maxReceiveCount)} receives`
      : '',
  ].filter(Boolean);
  return {
    logicalId,
    type: 'AWS::SQS::Queue',
    ref: url,
    attributes: { Arn: arn, QueueName: name, QueueUrl: url },
    summary: `${url}${details.length ? ` (${details.join('; ')})` : ''}`,
  };
};
