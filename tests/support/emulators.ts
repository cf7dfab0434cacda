/**
 * Inside the local stack, for tests that only make sense locally: the physical resource names (from
 * the runner's "Resources:" listing), SDK clients for its emulators (stack.awsEnv) and the lines of
 * its log. The black-box suite (tests/deployed) uses none of this.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { StackTarget } from './stack.js';

/** The physical id the local stack printed for a template resource (queue URL, bucket name, ...). */
export function physicalId(stack: StackTarget, logicalId: string): string {
  const match = new RegExp(`^\\s+\\S+::\\S+\\s+${logicalId}\\s+(\\S+)`, 'm').exec(stack.logs());
  if (!match?.[1]) throw new Error(`the local stack did not list a resource ${logicalId}`);
  return match[1];
}

const clientConfig = (stack: StackTarget, endpoint: string | undefined) => ({
  region: stack.awsEnv.AWS_REGION ?? 'us-east-1',
  endpoint,
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

export const s3For = (stack: StackTarget) =>
  new S3Client(clientConfig(stack, stack.awsEnv.AWS_ENDPOINT_URL_S3 ?? stack.awsEnv.AWS_ENDPOINT_URL));
export const dynamoFor = (stack: StackTarget) =>
  new DynamoDBClient(
    clientConfig(stack, stack.awsEnv.AWS_ENDPOINT_URL_DYNAMODB ?? stack.awsEnv.AWS_ENDPOINT_URL),
  );
export const sqsFor = (stack: StackTarget) =>
  new SQSClient(clientConfig(stack, stack.awsEnv.AWS_ENDPOINT_URL_SQS ?? stack.awsEnv.AWS_ENDPOINT_URL));

/** Every stack log line matching `pattern` (the runner prints function logs as "[Fn] LEVEL message k=v"). */
export function logLines(stack: StackTarget, pattern: RegExp): string[] {
  return stack
    .logs()
    .split('\n')
    .filter((l) => pattern.test(l));
}

/**
 * Like logLines, after waiting for the first match: function output reaches the stack's log
 * asynchronously, so a line can appear a moment after the effect it describes.
 */
export async function loggedLines(stack: StackTarget, pattern: RegExp, timeoutMs = 10000): Promise<string[]> {
  await stack.waitForLog(pattern, timeoutMs);
  return logLines(stack, pattern);
}
