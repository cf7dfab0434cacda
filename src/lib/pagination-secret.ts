/**
 * The page-token codec of the listing functions, keyed by the PaginationSecret of template.yaml:
 * its ARN in PAGINATION_SECRET_ARN, its value read from Secrets Manager when the function's
 * services are built (once per container).
 */
import { secretsManagerClient } from './aws-clients.js';
import { text } from './config.js';
import { pageTokenCodec, type PageTokenCodec } from './pagination.js';
import { readSecretString } from './secrets.js';

export const PAGINATION_SECRET_ARN = text('PAGINATION_SECRET_ARN');

export async function paginationTokens(secretArn: string): Promise<PageTokenCodec> {
  return pageTokenCodec(await readSecretString(secretsManagerClient(), secretArn));
}
