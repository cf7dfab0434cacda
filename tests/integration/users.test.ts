/**
 * Users on the local stack, through the generated client: owners manage their profile, another
 * user can neither read, change nor delete it (404 on every route, as for a missing profile),
 * listing is for admins, and the authorizer refuses every hostile token with 401 on every users
 * route (tokens forged with the emulator's own published key, so only the broken rule differs).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { JWK } from 'jose';
import { createApiClient, type ApiClient } from '../../api/client.js';
import { checked, claimsOf } from '../support/api-responses.js';
import { hostileTokens, type HostileToken } from '../support/hostile-tokens.js';
import { signIdToken, signingSetupFromJwk, type SigningSetup } from '../support/signing.js';
import { startStack, type StackTarget } from '../support/stack.js';
import { signUpConfirmAndLogin, type TestUser } from '../support/users.js';

let stack: StackTarget;
let ann: TestUser;
let bob: TestUser;
let adminToken: string;
const as = (idToken: string): ApiClient =>
  createApiClient(stack.baseUrl, { headers: { Authorization: `Bearer ${idToken}` } });

beforeAll(async () => {
  stack = await startStack();
  ann = await signUpConfirmAndLogin(stack, { name: 'Ann' });
  bob = await signUpConfirmAndLogin(stack, { name: 'Bob' });
  const { email, password } = stack.adminCredentials;
  const login = checked(
    'login',
    await createApiClient(stack.baseUrl).POST('/auth/login', { body: { email, password } }),
  );
  expect(login.status).toBe(200);
  adminToken = (login.body as { idToken: string }).idToken;
  expect(claimsOf(adminToken)['cognito:groups']).toEqual(['admin']);

  const created = checked(
    'createUser',
    await as(ann.idToken).POST('/users', {
      body: { userId: ann.sub, name: 'Ann', email: ann.email, bio: 'ann-secret-bio' },
    }),
  );
  expect(created.status).toBe(201);
}, 120_000);
afterAll(() => stack?.stop());

describe("the owner's profile", () => {
  it('is created once: a second create is 409', async () => {
    const again = checked(
      'createUser',
      await as(ann.idToken).POST('/users', { body: { userId: ann.sub, name: 'Ann 2' } }),
    );
    expect(again.status).toBe(409);
  });

  it('is readable by its owner at /users/me and /users/{userId}', async () => {
    const me = checked('getMe', await as(ann.idToken).GET('/users/me'));
    expect(me).toMatchObject({ status: 200, body: { userId: ann.sub, name: 'Ann', bio: 'ann-secret-bio' } });
    const byId = checked(
      'getUser',
      await as(ann.idToken).GET('/users/{userId}', { params: { path: { userId: ann.sub } } }),
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
        await as(ann.idToken).PUT('/users/{userId}', {
          params: { path: { userId: ann.sub } },
          body: body as never,
        }),
      );
      expect(put.status).toBe(400);
      const post = checked(
        'createUser',
        await as(bob.idToken).POST('/users', { body: { userId: bob.sub, ...body } as never }),
      );
      expect(post.status).toBe(400);
    }
    const me = checked('getMe', await as(ann.idToken).GET('/users/me'));
    expect(me.body).toMatchObject({ name: 'Ann', bio: 'ann-secret-bio' });
  });

  it('refuses a body that is not JSON with 400, never a 5xx', async () => {
    for (const [method, path] of [
      ['POST', '/users'],
      ['PUT', `/users/${ann.sub}`],
    ] as const) {
      const response = await fetch(`${stack.baseUrl}${path}`, {
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
      await as(bob.idToken).GET('/users/{userId}', { params: { path: { userId: 'no-such-user' } } }),
    );
    const result = checked('getUser', await as(bob.idToken).GET('/users/{userId}', annPath()));
    expect(result.status).toBe(404);
    expect(result.body).toEqual(missing.body);
    expect(JSON.stringify(result.body)).not.toContain(ann.sub);
  });

  it('cannot change it: 404', async () => {
    const result = checked(
      'updateUser',
      await as(bob.idToken).PUT('/users/{userId}', { ...annPath(), body: { name: 'Mallory' } }),
    );
    expect(result.status).toBe(404);
  });

  it('cannot delete it: 404', async () => {
    const result = checked('deleteUser', await as(bob.idToken).DELETE('/users/{userId}', annPath()));
    expect(result.status).toBe(404);
  });

  it('cannot create it in its name: 403', async () => {
    const result = checked(
      'createUser',
      await as(bob.idToken).POST('/users', { body: { userId: ann.sub, name: 'Mallory' } }),
    );
    expect(result.status).toBe(403);
    expect(JSON.stringify(result.body)).not.toContain(ann.sub);
  });

  it('sees only its own (missing) profile at /users/me and cannot list: 404 and 403', async () => {
    expect(checked('getMe', await as(bob.idToken).GET('/users/me')).status).toBe(404);
    expect(checked('listUsers', await as(bob.idToken).GET('/users')).status).toBe(403);
    expect(checked('listUsers', await as(ann.idToken).GET('/users')).status).toBe(403);
  });

  it("left A's profile as it was", async () => {
    const me = checked('getMe', await as(ann.idToken).GET('/users/me'));
    expect(me).toMatchObject({ status: 200, body: { userId: ann.sub, name: 'Ann', bio: 'ann-secret-bio' } });
  });
});

describe('the admin', () => {
  it("reads and changes another user's profile", async () => {
    const admin = as(adminToken);
    const read = checked(
      'getUser',
      await admin.GET('/users/{userId}', { params: { path: { userId: ann.sub } } }),
    );
    expect(read).toMatchObject({ status: 200, body: { userId: ann.sub } });
    const changed = checked(
      'updateUser',
      await admin.PUT('/users/{userId}', {
        params: { path: { userId: ann.sub } },
        body: { name: 'Ann', email: ann.email, bio: 'ann-secret-bio' },
      }),
    );
    expect(changed.status).toBe(200);
  });

  it('lists every profile, page by page, with an opaque nextToken', async () => {
    const admin = as(adminToken);
    expect(
      checked('createUser', await as(bob.idToken).POST('/users', { body: { userId: bob.sub, name: 'Bob' } }))
        .status,
    ).toBe(201);
    const seen: string[] = [];
    let nextToken: string | undefined;
    for (let page = 0; page < 20; page++) {
      const result = checked(
        'listUsers',
        await admin.GET('/users', { params: { query: { limit: 1, ...(nextToken ? { nextToken } : {}) } } }),
      );
      expect(result.status).toBe(200);
      const body = result.body as { items: { userId: string }[]; nextToken?: string };
      expect(body.items.length).toBeLessThanOrEqual(1);
      seen.push(...body.items.map((u) => u.userId));
      nextToken = body.nextToken;
      if (!nextToken) break;
    }
    expect(seen).toEqual(expect.arrayContaining([ann.sub, bob.sub]));
    expect(new Set(seen).size).toBe(seen.length);
    const tampered = checked(
      'listUsers',
      await admin.GET('/users', { params: { query: { nextToken: 'eyJ1c2VySWQiOiJ4In0.forged' } } }),
    );
    expect(tampered.status).toBe(400);
  });
});

describe('the owner deletes the profile', () => {
  it('answers 204, then 404 for reads and a second delete', async () => {
    const bobClient = as(bob.idToken);
    const path = { params: { path: { userId: bob.sub } } };
    expect(checked('deleteUser', await bobClient.DELETE('/users/{userId}', path)).status).toBe(204);
    expect(checked('getUser', await bobClient.GET('/users/{userId}', path)).status).toBe(404);
    expect(checked('deleteUser', await bobClient.DELETE('/users/{userId}', path)).status).toBe(404);
    expect(
      checked('updateUser', await bobClient.PUT('/users/{userId}', { ...path, body: { name: 'Bob' } }))
        .status,
    ).toBe(404);
  });
});

describe('hostile tokens on every users route', () => {
  let setup: SigningSetup;
  let corpus: HostileToken[];

  beforeAll(async () => {
    // cognito-local signs with a key it publishes in its package: forge tokens with it, for this pool and client.
    const require = createRequire(import.meta.url);
    const keyFile = require.resolve('cognito-local/lib/keys/cognitoLocal.private.json');
    const { jwk } = JSON.parse(readFileSync(keyFile, 'utf8')) as { jwk: JWK };
    const real = claimsOf(ann.idToken);
    setup = await signingSetupFromJwk(jwk, {
      kid: 'CognitoLocal',
      issuer: String(real.iss),
      audience: String(real.aud),
    });
    corpus = await hostileTokens(setup);
  });

  const routes = (): [string, string, string | undefined][] => [
    ['GET', '/users/me', undefined],
    ['GET', '/users', undefined],
    ['POST', '/users', JSON.stringify({ userId: ann.sub, name: 'Mallory' })],
    ['GET', `/users/${ann.sub}`, undefined],
    ['PUT', `/users/${ann.sub}`, JSON.stringify({ name: 'Mallory' })],
    ['DELETE', `/users/${ann.sub}`, undefined],
  ];

  it('accepts a token forged correctly with that key (so the refusals below are for the broken rule)', async () => {
    const token = await signIdToken(setup, { sub: ann.sub, email: ann.email });
    const me = checked('getMe', await as(token).GET('/users/me'));
    expect(me.status).toBe(200);
  });

  it('refuses every hostile token with the 401 problem+json, on every route', async () => {
    const outcomes: string[] = [];
    for (const [method, path, body] of routes()) {
      for (const { name, token } of corpus) {
        const response = await fetch(`${stack.baseUrl}${path}`, {
          method,
          headers: { Authorization: token, 'Content-Type': 'application/json' },
          body,
        });
        const type = response.headers.get('content-type') ?? '';
        const problem = type.startsWith('application/problem+json')
          ? ((await response.json()) as { status?: number })
          : undefined;
        if (response.status !== 401 || problem?.status !== 401)
          outcomes.push(`${method} ${path} "${name}": ${response.status} ${type}`);
      }
    }
    expect(outcomes).toEqual([]);
    const me = checked('getMe', await as(ann.idToken).GET('/users/me'));
    expect(me.body).toMatchObject({ name: 'Ann', bio: 'ann-secret-bio' });
  });
});
