/**
 * AWS SDK clients, built once per container on first use. No endpoint or addressing style is set
 * here: the SDK reads AWS_ENDPOINT_URL(_<SERVICE>) from the environment, and for an IP endpoint
 * (the local stack's http://127.0.0.1:PORT) it addresses S3 buckets path-style by itself.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { once } from '../../lib/config.js';
import { traced } from '../../lib/observability.js';

export const documentClient = once(() =>
  DynamoDBDocumentClient.from(traced(new DynamoDBClient({})), {
    marshallOptions: { removeUndefinedValues: true },
  }),
);

export const sqsClient = once(() => traced(new SQSClient({})));

export const s3Client = once(() => traced(new S3Client({})));

/** Presigning is a local HMAC computation with no request to trace, so this client is not instrumented. */
export const s3PresignClient = once(() => new S3Client({}));
