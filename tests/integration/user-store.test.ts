/**
 * The UserStore contract: one suite, run against the in-memory fake the users tests use
 * (tests/support/fakes/users.ts) and against DynamoUserStore on dynalite, with the users table
 * created from template.yaml's own definition.
 */
import { DynamoUserStore } from '../../src/users/dynamodb-user-store.js';
import type { UserStore } from '../../src/users/user-store.js';
import { startDynalite, type Dynalite } from '../support/dynalite.js';
import { annRecord, InMemoryUserStore } from '../support/fakes/users.js';

let dynamo: Dynalite;
beforeAll(async () => {
  dynamo = await startDynalite();
  await dynamo.createTable('UsersTable', 'users');
});
afterAll(() => dynamo.stop());

const stores: [string, () => UserStore][] = [
  ['the in-memory fake', () => new InMemoryUserStore()],
  ['DynamoUserStore on dynalite', () => new DynamoUserStore(dynamo.documents, 'users')],
];

const ann = annRecord;

describe.each(stores)('UserStore: %s', (_, makeStore) => {
  let store: UserStore;
  beforeEach(() => {
    store = makeStore();
  });
  afterEach(async () => {
    // Both run on the same table: leave it empty for the next test.
    let page = await store.list(100);
    for (const user of page.items) await store.delete(user.userId);
    page = await store.list(100);
    expect(page.items).toEqual([]);
  });

  it('creates a profile once: a second create with the same id changes nothing', async () => {
    expect(await store.create(ann)).toBe(true);
    expect(await store.create({ ...ann, name: 'Not Ann' })).toBe(false);
    expect(await store.get('user-a')).toEqual(ann);
    expect(await store.get('nobody')).toBeUndefined();
  });

  it('replaces the fields on update, removing optional ones not given, and returns the result', async () => {
    await store.create(ann);
    const updated = await store.update('user-a', { name: 'Ann B', email: 'b@example.com' }, 'later');
    expect(updated).toEqual({
      ...ann,
      name: 'Ann B',
      email: 'b@example.com',
      bio: undefined,
      updatedAt: 'later',
    });
    expect(await store.get('user-a')).toEqual({
      userId: 'user-a',
      name: 'Ann B',
      email: 'b@example.com',
      createdAt: ann.createdAt,
      updatedAt: 'later',
    });
  });

  it('never creates a profile by updating or deleting one that does not exist', async () => {
    expect(await store.update('ghost', { name: 'Ghost' }, 'later')).toBeUndefined();
    expect(await store.delete('ghost')).toBe(false);
    expect(await store.get('ghost')).toBeUndefined();
  });

  it('deletes a profile once', async () => {
    await store.create(ann);
    expect(await store.delete('user-a')).toBe(true);
    expect(await store.delete('user-a')).toBe(false);
    expect(await store.get('user-a')).toBeUndefined();
  });

  it('lists every profile once, in pages that resume after the last key', async () => {
    const ids = ['u1', 'u2', 'u3', 'u4', 'u5'];
    for (const userId of ids) await store.create({ ...ann, userId });
    const seen: string[] = [];
    let startKey: { userId: string } | undefined;
    let pages = 0;
    do {
      const page = await store.list(2, startKey);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((u) => u.userId));
      startKey = page.lastKey;
      pages += 1;
    } while (startKey && pages < 10);
    expect(seen.sort()).toEqual(ids);
  });
});
