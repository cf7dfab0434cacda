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

/** Reads the pagination key from Secrets Manager: build it once per container. */
export async function usersService(config: Config<typeof USERS_SETTINGS>): Promise<UsersService> {
  return new UsersService({
    store: new DynamoUserStore(documentClient(), config.tableName),
    tokens: await paginationTokens(config.paginationSecretArn),
    clock: systemClock,
  });
}
