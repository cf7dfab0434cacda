/**
 * Helpers for the jobs integration tests: an authenticated API client, the stack's physical
 * resource names (from the runner's "Resources:" listing), SDK clients for the emulators
 * (stack.awsEnv), and polling until a condition holds.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createApiClient } from '../../api/client.js';
import type { StackTarget } from './stack.js';
import type { TestUser } from './users.js';

export function apiAs(stack: StackTarget, user: TestUser) {
  return createApiClient(stack.baseUrl, { headers: { Authorization: `Bearer ${user.idToken}` } });
}

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

/** Calls `probe` until it returns a value other than undefined; fails with `what` after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  { timeoutMs = 20000, intervalMs = 200 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${what}: not within ${timeoutMs} ms${last ? ` (last error: ${last instanceof Error ? last.message : JSON.stringify(last)})` : ''}`,
      );
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

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
