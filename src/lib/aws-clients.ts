/**
 * Every AWS SDK client the functions use, built here and nowhere else: once per container, on first
 * use, with the same options, and instrumented for X-Ray when the container traces. No endpoint or
 * addressing style is set: the SDK reads AWS_ENDPOINT_URL(_<SERVICE>) from the environment, and for
 * an IP endpoint (the local stack's http://127.0.0.1:PORT) it addresses S3 buckets path-style by itself.
 *
 * Each client is a function, not a constant built at import: a bundle keeps only the clients its
 * code calls (esbuild drops an unused function, and with it the SDK package, which is free of side
 * effects), so a function that never calls S3 does not carry the S3 client.
 * tests/delivery/iam-policies.test.ts checks each bundle's clients against the calls its code makes.
 */
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import { traced } from './observability.js';

/** The options every client gets: region, credentials and endpoint come from the environment. */
const CLIENT_OPTIONS = {} as const;

let dynamoDb: DynamoDBClient | undefined;
export function dynamoDbClient(): DynamoDBClient {
  return (dynamoDb ??= traced(new DynamoDBClient(CLIENT_OPTIONS)));
}

let sqs: SQSClient | undefined;
export function sqsClient(): SQSClient {
  return (sqs ??= traced(new SQSClient(CLIENT_OPTIONS)));
}

let s3: S3Client | undefined;
export function s3Client(): S3Client {
  return (s3 ??= traced(new S3Client(CLIENT_OPTIONS)));
}

let s3Presign: S3Client | undefined;
/** Presigning is a local HMAC computation with no request to trace, so this client is not instrumented. */
export function s3PresignClient(): S3Client {
  return (s3Presign ??= new S3Client(CLIENT_OPTIONS));
}

let secretsManager: SecretsManagerClient | undefined;
export function secretsManagerClient(): SecretsManagerClient {
  return (secretsManager ??= traced(new SecretsManagerClient(CLIENT_OPTIONS)));
}

let cognito: CognitoIdentityProviderClient | undefined;
export function cognitoClient(): CognitoIdentityProviderClient {
  return (cognito ??= traced(new CognitoIdentityProviderClient(CLIENT_OPTIONS)));
}

let lambda: LambdaClient | undefined;
export function lambdaClient(): LambdaClient {
  return (lambda ??= traced(new LambdaClient(CLIENT_OPTIONS)));
}

let codeDeploy: CodeDeployClient | undefined;
export function codeDeployClient(): CodeDeployClient {
  return (codeDeploy ??= traced(new CodeDeployClient(CLIENT_OPTIONS)));
}
