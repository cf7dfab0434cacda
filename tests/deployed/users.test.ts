/**
 * Users, black-box, on any stack: owners manage their profile, another user can neither read,
 * change nor delete it (404 on every route, as for a missing profile), listing is for admins.
 * Ann, Bob and the admin are made with the Cognito admin API for this run and deleted after it.
 */
import { checked, claimsOf } from '../support/api-responses.js';
import { apiAs, type TestUser } from '../support/users.js';
import { useStackUnderTest } from './support/suite.js';
import { ADMIN_GROUP } from './support/test-users.js';

const suite = useStackUnderTest();
let ann: TestUser;
let bob: TestUser;
let admin: TestUser;
const as = (user: TestUser) => apiAs(suite.stack, user);

beforeAll(async () => {
  [ann, bob, admin] = await Promise.all([
    suite.users.create({ label: 'ann' }),
    suite.users.create({ label: 'bob' }),
    suite.users.create({ admin: true }),
  ]);
  const created = checked(
    'createUser',
    await as(ann).POST('/users', {
      body: { userId: ann.sub, name: 'Ann', email: ann.email, bio: 'ann-secret-bio' },
    }),
  );
  expect(created.status).toBe(201);
}, 60_000);

describe("the owner's profile", () => {
  it('is created once: a second create is 409', async () => {
    const again = checked(
      'createUser',
      await as(ann).POST('/users', { body: { userId: ann.sub, name: 'Ann 2' } }),
    );
    expect(again.status).toBe(409);
  });

  it('is readable by its owner at /users/me and /users/{userId}', async () => {
    const me = checked('getMe', await as(ann).GET('/users/me'));
    expect(me).toMatchObject({ status: 200, body: { userId: ann.sub, name: 'Ann', bio: 'ann-secret-bio' } });
    const byId = checked(
      'getUser',
      await as(ann).GET('/users/{userId}', { params: { path: { userId: ann.sub } } }),
    );
    expect(byId.body).toEqual(me.body);
  });

  it('refuses invalid fields on create and update alike (400), changing nothing', async () => {
    for (const body of [
      { name: 'n'.repeat(101) },
      { name: 'Ann', bio: 'b'.repeat(501) },
      { name: 'Ann', email: 'not-an-email' },
      { name: '   ' },
      { name: 'Ann', isAdmin: true },
    ]) {
      const put = checked(
        'updateUser',
        await as(ann).PUT('/users/{userId}', { params: { path: { userId: ann.sub } }, body: body as never }),
      );
      expect(put).toMatchObject({ status: 400, body: { status: 400 } });
      const post = checked(
        'createUser',
        await as(bob).POST('/users', { body: { userId: bob.sub, ...body } as never }),
      );
      expect(post).toMatchObject({ status: 400, body: { status: 400 } });
    }
    const me = checked('getMe', await as(ann).GET('/users/me'));
    expect(me.body).toMatchObject({ name: 'Ann', bio: 'ann-secret-bio' });
  });

  it('refuses a body that is not JSON with 400 problem+json, never a 5xx', async () => {
    for (const [method, path] of [
      ['POST', '/users'],
      ['PUT', `/users/${ann.sub}`],
    ] as const) {
      const response = await fetch(`${suite.stack.baseUrl}${path}`, {
        method,
        headers: { Authorization: `Bearer ${ann.idToken}`, 'Content-Type': 'application/json' },
        body: '{"name": ',
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });
});

describe("another user (B) on A's profile", () => {
  const annPath = () => ({ params: { path: { userId: ann.sub } } });

  it('cannot read it: 404, the same answer as for a profile that does not exist', async () => {
    const missing = checked(
      'getUser',
      await as(bob).GET('/users/{userId}', { params: { path: { userId: 'no-such-user' } } }),
    );
    const result = checked('getUser', await as(bob).GET('/users/{userId}', annPath()));
    expect(result.status).toBe(404);
    expect(result.body).toEqual(missing.body);
    expect(JSON.stringify(result.body)).not.toContain(ann.sub);
  });

  it('cannot change it: 404', async () => {
    const result = checked(
      'updateUser',
      await as(bob).PUT('/users/{userId}', { ...annPath(), body: { name: 'Mallory' } }),
    );
    expect(result.status).toBe(404);
  });

  it('cannot delete it: 404', async () => {
    expect(checked('deleteUser', await as(bob).DELETE('/users/{userId}', annPath())).status).toBe(404);
  });

  it('cannot create it in its name: 403', async () => {
    const result = checked(
      'createUser',
      await as(bob).POST('/users', { body: { userId: ann.sub, name: 'Mallory' } }),
    );
    expect(result.status).toBe(403);
    expect(JSON.stringify(result.body)).not.toContain(ann.sub);
  });

  it('sees only its own (missing) profile at /users/me and cannot list: 404 and 403', async () => {
    expect(checked('getMe', await as(bob).GET('/users/me')).status).toBe(404);
    expect(checked('listUsers', await as(bob).GET('/users')).status).toBe(403);
    expect(checked('listUsers', await as(ann).GET('/users')).status).toBe(403);
  });

  it("left A's profile as it was", async () => {
    const me = checked('getMe', await as(ann).GET('/users/me'));
    expect(me).toMatchObject({ status: 200, body: { userId: ann.sub, name: 'Ann', bio: 'ann-secret-bio' } });
  });
});

describe('the admin', () => {
  it('is in the admin group of the ID token', () => {
    expect(claimsOf(admin.idToken)['cognito:groups']).toEqual([ADMIN_GROUP]);
  });

  it("reads and changes another user's profile", async () => {
    const read = checked(
      'getUser',
      await as(admin).GET('/users/{userId}', { params: { path: { userId: ann.sub } } }),
    );
    expect(read).toMatchObject({ status: 200, body: { userId: ann.sub } });
    const changed = checked(
      'updateUser',
      await as(admin).PUT('/users/{userId}', {
        params: { path: { userId: ann.sub } },
        body: { name: 'Ann', email: ann.email, bio: 'ann-secret-bio' },
      }),
    );
    expect(changed.status).toBe(200);
  });

  it('lists every profile, page by page, with an opaque nextToken; a forged one is 400', async () => {
    expect(
      checked('createUser', await as(bob).POST('/users', { body: { userId: bob.sub, name: 'Bob' } })).status,
    ).toBe(201);
    // A shared stage holds other profiles too: page until both of ours were seen.
    const seen: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const result = checked(
        'listUsers',
        await as(admin).GET('/users', {
          params: { query: { limit: 2, ...(nextToken ? { nextToken } : {}) } },
        }),
      );
      expect(result.status).toBe(200);
      const body = result.body as { items: { userId: string }[]; nextToken?: string };
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((u) => u.userId));
      nextToken = body.nextToken;
      pages += 1;
    } while (nextToken && !(seen.includes(ann.sub) && seen.includes(bob.sub)) && pages < 500);
    expect(seen).toEqual(expect.arrayContaining([ann.sub, bob.sub]));
    expect(new Set(seen).size).toBe(seen.length);
    const forged = checked(
      'listUsers',
      await as(admin).GET('/users', { params: { query: { nextToken: 'eyJ1c2VySWQiOiJ4In0.forged' } } }),
    );
    expect(forged.status).toBe(400);
  });
});

describe('the owner deletes the profile', () => {
  it('answers 204, then 404 for reads, a second delete and an update', async () => {
    const carol = await suite.users.create({ label: 'carol' });
    const path = { params: { path: { userId: carol.sub } } };
    expect(
      checked('createUser', await as(carol).POST('/users', { body: { userId: carol.sub, name: 'Carol' } }))
        .status,
    ).toBe(201);
    expect(checked('deleteUser', await as(carol).DELETE('/users/{userId}', path)).status).toBe(204);
    expect(checked('getUser', await as(carol).GET('/users/{userId}', path)).status).toBe(404);
    expect(checked('deleteUser', await as(carol).DELETE('/users/{userId}', path)).status).toBe(404);
    expect(
      checked('updateUser', await as(carol).PUT('/users/{userId}', { ...path, body: { name: 'Carol' } }))
        .status,
    ).toBe(404);
  });
});
