/**
 * The page-token codec of the listing functions, keyed by the PaginationSecret of template.yaml:
 * its ARN in PAGINATION_SECRET_ARN, its value read from Secrets Manager when a listing first needs
 * it, once per container. Only listings sign and check page tokens, so a container that serves other
 * operations (GET /job-status/{jobId}, GET /users/{userId}) never builds the Secrets Manager client
 * nor waits on the secret, cold start included.
 */
import { secretsManagerClient } from './aws-clients.js';
import { onceAsync, text } from './config.js';
import { pageTokenCodec, type PageTokens } from './pagination.js';
import { readSecretString } from './secrets.js';

export const PAGINATION_SECRET_ARN = text('PAGINATION_SECRET_ARN');

/** The codec on first use; a failed read is retried by the next listing (onceAsync). */
export function paginationTokens(secretArn: string): PageTokens {
  return onceAsync(async () => pageTokenCodec(await readSecretString(secretsManagerClient(), secretArn)));
}
