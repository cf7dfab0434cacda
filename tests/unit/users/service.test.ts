/** UsersService on an in-memory store: who may do what, and what leaves the service. */
import { callerWith } from '../../../src/lib/caller.js';
import { InvalidPageTokenError, pageTokenCodec } from '../../../src/lib/pagination.js';
import {
  AdminOnlyError,
  NotOwnProfileError,
  UserExistsError,
  UserNotFoundError,
} from '../../../src/users/errors.js';
import { LIST_SCOPE, UsersService } from '../../../src/users/service.js';
import { fixedClock } from '../../support/fakes/jobs.js';
import { annRecord, InMemoryUserStore } from '../../support/fakes/users.js';

const NOW = '2026-11-25T00:00:00.000Z';
const SECRET = 'users-test-pagination-secret-0123456789';
const ANN = callerWith('user-a', 'ann@example.com', []);
const BOB = callerWith('user-b', 'bob@example.com', ['staff']);
const ADMIN = callerWith('admin-1', 'root@example.com', ['staff', 'admin']);

let store: InMemoryUserStore;
let users: UsersService;
beforeEach(() => {
  store = new InMemoryUserStore();
  users = new UsersService({
    store,
    tokens: () => Promise.resolve(pageTokenCodec(SECRET)),
    clock: fixedClock(NOW),
  });
});

describe('creating a profile', () => {
  it("creates the caller's own profile, stamped with the clock", async () => {
    const user = await users.create(ANN, {
      userId: 'user-a',
      name: 'Ann',
      email: 'ann@example.com',
      bio: 'Hello',
    });
    expect(user).toEqual({ ...annRecord, createdAt: NOW, updatedAt: NOW });
    expect(store.record('user-a')).toEqual(user);
  });

  it("refuses another user's profile to a non-admin, writing nothing; an admin may create anyone's", async () => {
    await expect(users.create(BOB, { userId: 'user-a', name: 'Not Ann' })).rejects.toThrow(
      NotOwnProfileError,
    );
    expect(store.calls).toEqual([]);
    await expect(users.create(ADMIN, { userId: 'user-a', name: 'Ann' })).resolves.toMatchObject({
      userId: 'user-a',
    });
  });

  it('refuses a profile that exists, overwriting nothing', async () => {
    store.seed(annRecord);
    await expect(users.create(ANN, { userId: 'user-a', name: 'Other' })).rejects.toThrow(UserExistsError);
    expect(store.record('user-a')).toEqual(annRecord);
  });
});

describe('reading, replacing and deleting', () => {
  beforeEach(() => store.seed({ ...annRecord, internalFlag: 'x' } as typeof annRecord));

  it('shows only the documented fields, to the owner and to an admin', async () => {
    expect(await users.getMe(ANN)).toEqual(annRecord);
    expect(await users.get(ADMIN, 'user-a')).toEqual(annRecord);
  });

  it("hides another user's profile as not found, without reading the store", async () => {
    store.calls.length = 0;
    for (const attempt of [
      () => users.get(BOB, 'user-a'),
      () => users.update(BOB, 'user-a', { name: 'Hijacked' }),
      () => users.delete(BOB, 'user-a'),
    ])
      await expect(attempt()).rejects.toThrow(UserNotFoundError);
    expect(store.calls).toEqual([]);
    expect(store.record('user-a')).toMatchObject({ name: 'Ann' });
  });

  it('answers a missing profile as not found, creating nothing', async () => {
    await expect(users.getMe(BOB)).rejects.toThrow(UserNotFoundError);
    await expect(users.update(ADMIN, 'nobody', { name: 'X' })).rejects.toThrow(UserNotFoundError);
    await expect(users.delete(ADMIN, 'nobody')).rejects.toThrow(UserNotFoundError);
    expect(store.record('nobody')).toBeUndefined();
  });

  it('replaces the fields (an omitted optional field is removed), stamped with the clock', async () => {
    expect(await users.update(ANN, 'user-a', { name: 'Ann B', email: 'ann@example.com' })).toEqual({
      userId: 'user-a',
      name: 'Ann B',
      email: 'ann@example.com',
      createdAt: annRecord.createdAt,
      updatedAt: NOW,
    });
  });

  it('deletes for the owner', async () => {
    await users.delete(ANN, 'user-a');
    expect(store.record('user-a')).toBeUndefined();
  });
});

describe('listing every profile', () => {
  beforeEach(() => {
    for (const userId of ['u1', 'u2', 'u3']) store.seed({ ...annRecord, userId });
  });

  it('is for admins only, reading nothing otherwise', async () => {
    for (const caller of [ANN, BOB])
      await expect(users.list(caller, { limit: 20 })).rejects.toThrow(AdminOnlyError);
    expect(store.calls).toEqual([]);
  });

  it('pages with an opaque nextToken to the end', async () => {
    const first = await users.list(ADMIN, { limit: 2 });
    expect(first.items.map((u) => u.userId)).toEqual(['u1', 'u2']);
    expect(first.nextToken).not.toContain('u2');
    const second = await users.list(ADMIN, { limit: 2, nextToken: first.nextToken });
    expect(second).toEqual({ items: [expect.objectContaining({ userId: 'u3' })] });
  });

  it("refuses forged, tampered and other listings' tokens before any read", async () => {
    const mine = pageTokenCodec(SECRET);
    for (const nextToken of [
      pageTokenCodec('another-secret-of-enough-length').encode({ userId: 'x' }, LIST_SCOPE),
      mine.encode({ ownerId: 'user-a', jobId: 'j1' }, 'jobs:user-a'),
      mine.encode({ ownerId: 'user-a', jobId: 'j1' }, LIST_SCOPE),
      'garbage',
    ])
      await expect(users.list(ADMIN, { limit: 2, nextToken })).rejects.toThrow(InvalidPageTokenError);
    expect(store.calls).toEqual([]);
  });
});
