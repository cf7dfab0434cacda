/**
 * User profiles. Who may do what:
 * - a caller creates their own profile (`userId` = their `sub`); an admin may create anyone's;
 * - a profile is read, replaced or deleted by its owner or an admin. Anyone else is told "not found"
 *   as for a profile that does not exist, without the table being read: another user's id is
 *   never confirmed to exist;
 * - only admins list every profile.
 */
import type { components } from '../../api/schema.js';
import type { Caller } from '../lib/caller.js';
import type { Clock } from '../lib/clock.js';
import { InvalidPageTokenError, type PageTokens } from '../lib/pagination.js';
import { AdminOnlyError, NotOwnProfileError, UserExistsError, UserNotFoundError } from './errors.js';
import type { UserFields, UserRecord, UserStore } from './user-store.js';

type Schemas = components['schemas'];
export type User = Schemas['User'];
export type UserPageResponse = Schemas['UserPage'];

/** Admin listings share one cursor scope: any admin may continue another admin's listing. */
export const LIST_SCOPE = 'users';

export interface UsersServiceDeps {
  store: UserStore;
  /** Only the listing uses it: the pagination key is read when it first does. */
  tokens: PageTokens;
  clock: Clock;
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

/** A users listing resumes after one userId; a token of any other shape is not this listing's. */
function startKeyOf(decoded: Record<string, unknown> | undefined): { userId: string } | undefined {
  if (decoded === undefined) return undefined;
  const keys = Object.keys(decoded);
  if (keys.length !== 1 || typeof decoded.userId !== 'string') throw new InvalidPageTokenError();
  return { userId: decoded.userId };
}

export class UsersService {
  constructor(private readonly deps: UsersServiceDeps) {}

  async create(caller: Caller, request: Schemas['CreateUserRequest']): Promise<User> {
    if (!mayAccess(caller, request.userId)) throw new NotOwnProfileError();
    const at = this.deps.clock().toISOString();
    const record: UserRecord = { userId: request.userId, ...fieldsOf(request), createdAt: at, updatedAt: at };
    if (!(await this.deps.store.create(record))) throw new UserExistsError();
    return toUser(record);
  }

  async getMe(caller: Caller): Promise<User> {
    return toUser(await this.readVisible(caller, caller.sub));
  }

  async get(caller: Caller, userId: string): Promise<User> {
    return toUser(await this.readVisible(caller, userId));
  }

  async update(caller: Caller, userId: string, request: Schemas['UpdateUserRequest']): Promise<User> {
    if (!mayAccess(caller, userId)) throw new UserNotFoundError();
    const updated = await this.deps.store.update(userId, fieldsOf(request), this.deps.clock().toISOString());
    if (!updated) throw new UserNotFoundError();
    return toUser(updated);
  }

  async delete(caller: Caller, userId: string): Promise<void> {
    if (!mayAccess(caller, userId)) throw new UserNotFoundError();
    if (!(await this.deps.store.delete(userId))) throw new UserNotFoundError();
  }

  async list(caller: Caller, page: { limit: number; nextToken?: string }): Promise<UserPageResponse> {
    if (!caller.isAdmin) throw new AdminOnlyError();
    const tokens = await this.deps.tokens();
    const startKey = startKeyOf(tokens.decode(page.nextToken, LIST_SCOPE));
    const found = await this.deps.store.list(page.limit, startKey);
    const token = tokens.encode(found.lastKey, LIST_SCOPE);
    return { items: found.items.map(toUser), ...(token ? { nextToken: token } : {}) };
  }

  /** Another user's id is refused before the table is read: its existence is never confirmed. */
  private async readVisible(caller: Caller, userId: string): Promise<UserRecord> {
    if (!mayAccess(caller, userId)) throw new UserNotFoundError();
    const record = await this.deps.store.get(userId);
    if (!record) throw new UserNotFoundError();
    return record;
  }
}
