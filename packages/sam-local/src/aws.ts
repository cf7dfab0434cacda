/**
 * The AWS services the local stack emulates, where each one answers (an emulator we start, or an
 * endpoint the user set with AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE>), and SDK clients for
 * the runner's own calls (provisioning, SQS polling). The runner may set endpoints in code; the
 * functions never do: they get the same endpoints through their environment.
 */
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SQSClient } from '@aws-sdk/client-sqs';

export type Service = 'dynamodb' | 'sqs' | 's3' | 'cognito' | 'secretsmanager';
export const SERVICES: Service[] = ['dynamodb', 'sqs', 's3', 'cognito', 'secretsmanager'];

/** The SDK's own environment variable suffix for each service (AWS_ENDPOINT_URL_<suffix>). */
export const ENDPOINT_ENV: Record<Service, string> = {
  dynamodb: 'AWS_ENDPOINT_URL_DYNAMODB',
  sqs: 'AWS_ENDPOINT_URL_SQS',
  s3: 'AWS_ENDPOINT_URL_S3',
  cognito: 'AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER',
  // https://docs.aws.amazon.com/sdkref/latest/guide/ss-endpoints-table.html (serviceId "Secrets Manager")
  secretsmanager: 'AWS_ENDPOINT_URL_SECRETS_MANAGER',
};

/** An endpoint the user already configured for this service (LocalStack, moto_server), if any. */
export function configuredEndpoint(service: Service, env: NodeJS.ProcessEnv): string | undefined {
  const value = env[ENDPOINT_ENV[service]] || env.AWS_ENDPOINT_URL;
  return value ? value.replace(/\/+$/, '') : undefined;
}

/** The account in every ARN and pseudo parameter the runner makes up (AWS::AccountId). */
export const ACCOUNT_ID = '123456789012';

/** Static credentials: every emulator accepts them, and they can never reach a real account. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export interface AwsClients {
  dynamodb?: DynamoDBClient;
  sqs?: SQSClient;
  s3?: S3Client;
  cognito?: CognitoIdentityProviderClient;
  secretsmanager?: SecretsManagerClient;
}

export async function createClients(
  endpoints: Partial<Record<Service, string>>,
  region: string,
): Promise<AwsClients> {
  const base = { region, credentials: LOCAL_CREDENTIALS, maxAttempts: 2 };
  const [ddb, sqs, s3, cognito, secrets] = await Promise.all([
    endpoints.dynamodb ? import('@aws-sdk/client-dynamodb') : undefined,
    endpoints.sqs ? import('@aws-sdk/client-sqs') : undefined,
    endpoints.s3 ? import('@aws-sdk/client-s3') : undefined,
    endpoints.cognito ? import('@aws-sdk/client-cognito-identity-provider') : undefined,
    endpoints.secretsmanager ? import('@aws-sdk/client-secrets-manager') : undefined,
  ]);
  return {
    dynamodb: ddb && new ddb.DynamoDBClient({ ...base, endpoint: endpoints.dynamodb }),
    sqs: sqs && new sqs.SQSClient({ ...base, endpoint: endpoints.sqs }),
    s3: s3 && new s3.S3Client({ ...base, endpoint: endpoints.s3, forcePathStyle: true }),
    cognito: cognito && new cognito.CognitoIdentityProviderClient({ ...base, endpoint: endpoints.cognito }),
    secretsmanager:
      secrets && new secrets.SecretsManagerClient({ ...base, endpoint: endpoints.secretsmanager }),
  };
}

export function destroyClients(clients: AwsClients): void {
  for (const c of Object.values(clients)) (c as { destroy(): void } | undefined)?.destroy();
}
