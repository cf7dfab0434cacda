import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { onceAsync, requireEnv } from '../lib/config.js';
import { httpHandler } from '../lib/http/handler.js';
import { json, noContent } from '../lib/http/response.js';
import { traced } from '../lib/observability.js';
import { paginationTokens } from '../lib/pagination-secret.js';
import { dynamoDbUserStore } from '../users/dynamodb-user-store.js';
import { usersService } from '../users/service.js';

// Built on first use, once per container; the pagination key is read from Secrets Manager then.
const service = onceAsync(async () =>
  usersService(
    dynamoDbUserStore(
      DynamoDBDocumentClient.from(traced(new DynamoDBClient({}))),
      requireEnv('USERS_TABLE_NAME'),
    ),
    await paginationTokens(),
  ),
);

/** /users and /users/{userId}: profiles, owner- or admin-scoped (identity from the authorizer only). */
export const handler = httpHandler({
  createUser: async ({ caller, body }) => json(201, await (await service()).create(caller, body)),
  getMe: async ({ caller }) => json(200, await (await service()).getMe(caller)),
  getUser: async ({ caller, path }) => json(200, await (await service()).get(caller, path.userId)),
  updateUser: async ({ caller, path, body }) =>
    json(200, await (await service()).update(caller, path.userId, body)),
  deleteUser: async ({ caller, path }) => {
    await (await service()).delete(caller, path.userId);
    return noContent();
  },
  listUsers: async ({ caller, query }) =>
    json(200, await (await service()).list(caller, query.limit ?? 20, query.nextToken)),
});
