/**
 * How the users function is put together: its settings and a builder for its service on the
 * shared AWS clients (see src/jobs/composition.ts for the pattern every feature follows).
 */
import { systemClock } from '../lib/clock.js';
import { text, type Config } from '../lib/config.js';
import { documentClient } from '../lib/dynamodb.js';
import { PAGINATION_SECRET_ARN, paginationTokens } from '../lib/pagination-secret.js';
import { DynamoUserStore } from './dynamodb-user-store.js';
import { UsersService } from './service.js';

export const USERS_SETTINGS = {
  tableName: text('USERS_TABLE_NAME'),
  paginationSecretArn: PAGINATION_SECRET_ARN,
};

/** The pagination key is read from Secrets Manager by the first listing: build it once per container. */
export function usersService(config: Config<typeof USERS_SETTINGS>): UsersService {
  return new UsersService({
    store: new DynamoUserStore(documentClient(), config.tableName),
    tokens: paginationTokens(config.paginationSecretArn),
    clock: systemClock,
  });
}
