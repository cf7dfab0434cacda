/** The port the users service needs from storage (DynamoDB's UsersTable in practice). */
import type { components } from '../../api/schema.js';

/**
 * A stored profile has exactly the fields of the API's User (openapi.yaml): one definition of the
 * shape, in the spec, so a field added there reaches storage through the generated types.
 */
export type UserRecord = components['schemas']['User'];

/** The fields a profile's owner (or an admin) sets; absent optional fields are removed on update. */
export type UserFields = Pick<UserRecord, 'name' | 'email' | 'bio'>;

export interface UserPage {
  items: UserRecord[];
  /** Where the next page starts; absent on the last page. */
  lastKey?: { userId: string };
}

export interface UserStore {
  /** Stores a new user; resolves false (writing nothing) when the id is taken. */
  create(user: UserRecord): Promise<boolean>;
  get(userId: string): Promise<UserRecord | undefined>;
  /** Replaces the fields of an existing user; resolves undefined (writing nothing) when there is none. */
  update(userId: string, fields: UserFields, updatedAt: string): Promise<UserRecord | undefined>;
  /** Resolves false when there was no such user. */
  delete(userId: string): Promise<boolean>;
  list(limit: number, startKey?: { userId: string }): Promise<UserPage>;
}
