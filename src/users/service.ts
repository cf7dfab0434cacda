/**
 * User profiles. Who may do what:
 * - a caller creates their own profile (`userId` = their `sub`); an admin may create anyone's;
 * - a profile is read, replaced or deleted by its owner or an admin. Anyone else gets the same 404
 *   as for a profile that does not exist, without the table being read: another user's id is
 *   never confirmed to exist;
 * - only admins list every profile.
 */
import type { components } from '../../api/schema.js';
import type { Caller } from '../lib/http/identity.js';
import { badRequest, conflict, forbidden, notFound } from '../lib/http/problem.js';
import type { PageTokenCodec } from '../lib/pagination.js';
import type { UserFields, UserRecord, UserStore } from './user-store.js';

type Schemas = components['schemas'];
export type User = Schemas['User'];
export type UserPageResponse = Schemas['UserPage'];

export const USER_NOT_FOUND = 'No user with this id.';
/** Admin listings share one cursor scope: any admin may continue another admin's listing. */
export const LIST_SCOPE = 'users';

export interface UsersService {
  create(caller: Caller, request: Schemas['CreateUserRequest']): Promise<User>;
  getMe(caller: Caller): Promise<User>;
  get(caller: Caller, userId: string): Promise<User>;
  update(caller: Caller, userId: string, request: Schemas['UpdateUserRequest']): Promise<User>;
  delete(caller: Caller, userId: string): Promise<void>;
  list(caller: Caller, limit: number, nextToken?: string): Promise<UserPageResponse>;
}

const mayAccess = (caller: Caller, userId: string) => caller.isAdmin || caller.sub === userId;

/** Only the documented fields leave the service, whatever else the item holds. */
function toUser(record: UserRecord): User {
  return {
    userId: record.userId,
    name: record.name,
    ...(record.email !== undefined ? { email: record.email } : {}),
    ...(record.bio !== undefined ? { bio: record.bio } : {}),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

function fieldsOf(request: Schemas['UpdateUserRequest']): UserFields {
  return {
    name: request.name,
    ...(request.email !== undefined ? { email: request.email } : {}),
    ...(request.bio !== undefined ? { bio: request.bio } : {}),
  };
}

function startKeyOf(decoded: Record<string, unknown> | undefined): { userId: string } | undefined {
  if (decoded === undefined) return undefined;
  const keys = Object.keys(decoded);
  if (keys.length !== 1 || typeof decoded.userId !== 'string') {
    throw badRequest('nextToken is not valid for this listing.', [
      { pointer: '/query/nextToken', message: 'is not a token this listing issued' },
    ]);
  }
  return { userId: decoded.userId };
}

export function usersService(
  store: UserStore,
  pageTokens: PageTokenCodec,
  now: () => Date = () => new Date(),
): UsersService {
  async function readVisible(caller: Caller, userId: string): Promise<UserRecord> {
    if (!mayAccess(caller, userId)) throw notFound(USER_NOT_FOUND);
    const record = await store.get(userId);
    if (!record) throw notFound(USER_NOT_FOUND);
    return record;
  }

  return {
    async create(caller, request) {
      if (!mayAccess(caller, request.userId)) {
        throw forbidden('You may only create your own profile: userId must be your user id (sub).');
      }
      const at = now().toISOString();
      const record: UserRecord = {
        userId: request.userId,
        ...fieldsOf(request),
        createdAt: at,
        updatedAt: at,
      };
      if (!(await store.create(record))) throw conflict('A profile with this userId already exists.');
      return toUser(record);
    },

    getMe: async (caller) => toUser(await readVisible(caller, caller.sub)),

    get: async (caller, userId) => toUser(await readVisible(caller, userId)),

    async update(caller, userId, request) {
      if (!mayAccess(caller, userId)) throw notFound(USER_NOT_FOUND);
      const updated = await store.update(userId, fieldsOf(request), now().toISOString());
      if (!updated) throw notFound(USER_NOT_FOUND);
      return toUser(updated);
    },

    async delete(caller, userId) {
      if (!mayAccess(caller, userId)) throw notFound(USER_NOT_FOUND);
      if (!(await store.delete(userId))) throw notFound(USER_NOT_FOUND);
    },

    async list(caller, limit, nextToken) {
      if (!caller.isAdmin) throw forbidden('Only administrators may list every profile.');
      const startKey = startKeyOf(pageTokens.decode(nextToken, LIST_SCOPE));
      const page = await store.list(limit, startKey);
      const token = pageTokens.encode(page.lastKey, LIST_SCOPE);
      return { items: page.items.map(toUser), ...(token ? { nextToken: token } : {}) };
    },
  };
}
