/**
 * An in-memory UserStore with the port's behaviour; tests/integration/user-store.test.ts holds it
 * and the DynamoDB adapter to the same contract.
 */
import type { UserFields, UserPage, UserRecord, UserStore } from '../../../src/users/user-store.js';

export class InMemoryUserStore implements UserStore {
  private readonly items = new Map<string, UserRecord>();
  /** Every call, in order, as `method userId` (what a test asserts was or was not read or written). */
  readonly calls: string[] = [];
  private failure: Error | undefined;

  /** The next call fails with `error` (a throttled or unavailable table). */
  failNext(error: Error): void {
    this.failure = error;
  }

  seed(...users: UserRecord[]): void {
    for (const user of users) this.items.set(user.userId, structuredClone(user));
  }

  record(userId: string): UserRecord | undefined {
    return this.items.get(userId);
  }

  async create(user: UserRecord): Promise<boolean> {
    this.enter(`create ${user.userId}`);
    if (this.items.has(user.userId)) return false;
    this.items.set(user.userId, structuredClone(user));
    return true;
  }

  async get(userId: string): Promise<UserRecord | undefined> {
    this.enter(`get ${userId}`);
    const user = this.items.get(userId);
    return user && structuredClone(user);
  }

  async update(userId: string, fields: UserFields, updatedAt: string): Promise<UserRecord | undefined> {
    this.enter(`update ${userId}`);
    const user = this.items.get(userId);
    if (!user) return undefined;
    const { email: _email, bio: _bio, ...kept } = user;
    const updated: UserRecord = { ...kept, ...fields, updatedAt };
    this.items.set(userId, updated);
    return structuredClone(updated);
  }

  async delete(userId: string): Promise<boolean> {
    this.enter(`delete ${userId}`);
    return this.items.delete(userId);
  }

  /** In key order: a scan's order is the table's, which no caller may rely on beyond "each once". */
  async list(limit: number, startKey?: { userId: string }): Promise<UserPage> {
    this.enter('list');
    const sorted = [...this.items.values()].sort((a, b) => a.userId.localeCompare(b.userId));
    const start = startKey ? sorted.findIndex((u) => u.userId === startKey.userId) + 1 : 0;
    const items = sorted.slice(start, start + limit);
    const last = items.at(-1);
    return {
      items: items.map((u) => structuredClone(u)),
      ...(last && start + items.length < sorted.length ? { lastKey: { userId: last.userId } } : {}),
    };
  }

  private enter(call: string): void {
    this.calls.push(call);
    const failure = this.failure;
    this.failure = undefined;
    if (failure) throw failure;
  }
}

/** A stored profile, for the users tests. */
export const annRecord: UserRecord = {
  userId: 'user-a',
  name: 'Ann',
  email: 'ann@example.com',
  bio: 'Hello',
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-02T10:00:00.000Z',
};
