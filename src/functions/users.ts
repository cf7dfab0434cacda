import * as validators from '../../api/validators.js';
import { once, readConfig } from '../lib/config.js';
import { httpHandler } from '../lib/http/handler.js';
import { json, noContent } from '../lib/http/response.js';
import { USERS_SETTINGS, usersService } from '../users/composition.js';
import type { UsersService } from '../users/service.js';

/** What this function reads from its environment (template.yaml declares exactly these for it). */
export const settings = USERS_SETTINGS;

/** /users and /users/{userId}: profiles, owner- or admin-scoped (identity from the authorizer only). */
export function usersHandler(users: () => UsersService) {
  return httpHandler(
    {
      createUser: async ({ caller, body }) => json(201, await users().create(caller, body)),
      getMe: async ({ caller }) => json(200, await users().getMe(caller)),
      getUser: async ({ caller, path }) => json(200, await users().get(caller, path.userId)),
      updateUser: async ({ caller, path, body }) =>
        json(200, await users().update(caller, path.userId, body)),
      deleteUser: async ({ caller, path }) => {
        await users().delete(caller, path.userId);
        return noContent();
      },
      listUsers: async ({ caller, query }) =>
        json(200, await users().list(caller, { limit: query.limit, nextToken: query.nextToken })),
    },
    {
      createUser: validators.createUser,
      getMe: validators.getMe,
      getUser: validators.getUser,
      updateUser: validators.updateUser,
      deleteUser: validators.deleteUser,
      listUsers: validators.listUsers,
    },
  );
}

// Built on first use, once per container; the pagination key is read from Secrets Manager by the first listing.
export const handler = usersHandler(once(() => usersService(readConfig(settings))));
