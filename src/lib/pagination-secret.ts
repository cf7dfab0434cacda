/**
 * The page-token codec of the listing functions, keyed by the PaginationSecret of template.yaml:
 * its ARN in PAGINATION_SECRET_ARN, its value read from Secrets Manager on first use and kept for
 * the container's life.
 */
import { onceAsync, requireEnv } from './config.js';
import { pageTokenCodec, type PageTokenCodec } from './pagination.js';
import { readSecretString, secretsManagerClient } from './secrets.js';

export const PAGINATION_SECRET_ARN = 'PAGINATION_SECRET_ARN';

export const paginationTokens: () => Promise<PageTokenCodec> = onceAsync(async () =>
  pageTokenCodec(await readSecretString(secretsManagerClient(), requireEnv(PAGINATION_SECRET_ARN))),
);
