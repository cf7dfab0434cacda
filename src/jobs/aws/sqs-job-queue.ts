import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { serializeJobMessage } from '../message.js';
import type { JobMessage } from '../model.js';
import type { JobQueue } from '../ports.js';

/** JobQueue on SQS: the message carries only the job's key. */
export class SqsJobQueue implements JobQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(message: JobMessage): Promise<void> {
    await this.sqs.send(
      new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: serializeJobMessage(message) }),
    );
  }
}
