/**
 * Secrets a function reads itself from AWS Secrets Manager, by the ARN its environment names: the
 * value never sits in the function's configuration, where anyone allowed
 * lambda:GetFunctionConfiguration could read it (Lambda recommends Secrets Manager over environment
 * variables for secrets: https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html).
 *
 * One GetSecretValue per container, kept for its life. The SDK directly rather than Powertools
 * Parameters: its cache expires values (5 s by default) where these never change under a running
 * container, and its GetSecretValue is sent from node_modules, where the check that ties each
 * function's IAM policy to the commands its code sends (tests/delivery/iam-policies.test.ts)
 * cannot see it. The endpoint comes from the environment (AWS_ENDPOINT_URL_SECRETS_MANAGER locally).
 */
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ConfigError } from './config.js';

/** The secret's text (SecretString, AWSCURRENT), or a ConfigError that names the secret and why. */
export async function readSecretString(
  client: Pick<SecretsManagerClient, 'send'>,
  secretId: string,
): Promise<string> {
  let secret: string | undefined;
  try {
    secret = (await client.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString;
  } catch (error) {
    const { name, message } = error as Error;
    throw new ConfigError(`Could not read the secret ${secretId} from Secrets Manager: ${name}: ${message}`, {
      cause: error,
    });
  }
  if (secret === undefined || secret === '')
    throw new ConfigError(
      `The secret ${secretId} has no SecretString (a binary secret?); a text value is needed`,
    );
  return secret;
}
