/**
 * Identity, black-box, on any stack (see support/target.ts): sign-up and its refusals, confirmation
 * (AdminConfirmSignUp: a deployed pool emails the code), login, refresh, resend-code, and the
 * profile journey of a new account, through the generated client and checked against the spec.
 * Each run signs up one address through the API (the only email Cognito sends, with one resend);
 * every other user is created by the admin API with no email.
 */
import { createApiClient, type LoginResponse, type RefreshResponse } from '../../api/client.js';
import { checked, claimsOf } from '../support/api-responses.js';
import { apiAs } from '../support/users.js';
import { useStackUnderTest } from './support/suite.js';
import { newPassword } from './support/test-users.js';

const suite = useStackUnderTest();
const api = () => createApiClient(suite.stack.baseUrl);

const signUp = async (email: string, password: string) =>
  checked('signUp', await api().POST('/auth/signup', { body: { email, password, name: 'Ann' } }));
const login = async (email: string, password: string) =>
  checked('login', await api().POST('/auth/login', { body: { email, password } }));
const confirm = async (email: string, code: string) =>
  checked('confirmSignUp', await api().POST('/auth/confirm', { body: { email, code } }));
const resend = async (email: string) =>
  checked('resendConfirmationCode', await api().POST('/auth/resend-code', { body: { email } }));

describe('a new account', () => {
  it('signs up once in any letter case, cannot log in unconfirmed, is confirmed, logs in, refreshes and manages its profile', async () => {
    const address = suite.users.newEmail('signup');
    const shouted = address.replace(/^it-/, 'IT-').replace('@example.test', '@Example.TEST');
    const password = newPassword();

    const signedUp = await signUp(shouted, password);
    expect(signedUp).toMatchObject({ status: 201, body: { userConfirmed: false } });
    const { userSub } = signedUp.body as { userSub: string };
    // The pool's usernames are case-insensitive: the same address in lower case is taken.
    expect(await signUp(address, newPassword())).toMatchObject({ status: 409, body: { status: 409 } });
    expect(await login(address, password)).toMatchObject({ status: 403, body: { status: 403 } });
    expect((await resend(address)).status).toBe(204);
    // Seven digits: never a code the pool sent (its codes have six).
    expect(await confirm(address, '0000000')).toMatchObject({ status: 400, body: { status: 400 } });

    await suite.users.confirm(address);
    expect((await login(shouted, password)).status).toBe(200);
    const loggedIn = await login(address, password);
    expect(loggedIn.status).toBe(200);
    const tokens = loggedIn.body as LoginResponse;
    expect(tokens.tokenType).toBe('Bearer');
    expect(tokens.expiresIn).toBeGreaterThan(0);
    const claims = claimsOf(tokens.idToken);
    expect(claims).toMatchObject({ sub: userSub, token_use: 'id' });
    expect(String(claims.email).toLowerCase()).toBe(address);

    const me = apiAs(suite.stack, tokens);
    const userId = userSub;
    expect(checked('getMe', await me.GET('/users/me')).status).toBe(404);
    expect(
      checked(
        'createUser',
        await me.POST('/users', { body: { userId, name: 'Ann', email: address, bio: 'Hi' } }),
      ),
    ).toMatchObject({ status: 201, body: { userId, name: 'Ann', email: address, bio: 'Hi' } });
    expect(checked('getMe', await me.GET('/users/me'))).toMatchObject({
      status: 200,
      body: { userId, bio: 'Hi' },
    });
    const updated = checked(
      'updateUser',
      await me.PUT('/users/{userId}', { params: { path: { userId } }, body: { name: 'Ann B' } }),
    );
    expect(updated).toMatchObject({ status: 200, body: { userId, name: 'Ann B' } });
    expect(updated.body).not.toHaveProperty('bio');

    const refreshed = checked(
      'refreshTokens',
      await api().POST('/auth/refresh', { body: { refreshToken: tokens.refreshToken } }),
    );
    expect(refreshed.status).toBe(200);
    const fresh = refreshed.body as RefreshResponse;
    expect(claimsOf(fresh.idToken)).toMatchObject({ sub: userSub, token_use: 'id' });
    // The refreshed ID token works on a secured route; the access token is not an ID token.
    const again = apiAs(suite.stack, fresh);
    expect(
      checked('deleteUser', await again.DELETE('/users/{userId}', { params: { path: { userId } } })).status,
    ).toBe(204);
    expect(checked('getMe', await again.GET('/users/me')).status).toBe(404);
    const withAccessToken = apiAs(suite.stack, { idToken: fresh.accessToken });
    expect(checked('getMe', await withAccessToken.GET('/users/me')).status).toBe(401);
  });
});

describe("the client's auth middleware", () => {
  it('refreshes a token the API refuses with POST /auth/refresh, once, and sends the request again', async () => {
    const user = await suite.users.create();
    let refreshes = 0;
    const session = createApiClient(suite.stack.baseUrl, {
      tokens: {
        // An access token is not an ID token: the authorizer answers 401, as for an expired one.
        token: () => user.accessToken,
        refresh: async () => {
          refreshes += 1;
          const { data } = await api().POST('/auth/refresh', { body: { refreshToken: user.refreshToken } });
          return data?.idToken;
        },
      },
    });
    const created = await session.POST('/users', { body: { userId: user.sub, name: 'Refreshed' } });
    expect(checked('createUser', created)).toMatchObject({ status: 201, body: { userId: user.sub } });
    expect(refreshes).toBe(1);
  });
});

describe('identity refusals', () => {
  it('answers a wrong password and an unknown user with the identical 401', async () => {
    const user = await suite.users.create();
    const wrongPassword = await login(user.email, 'Wrong-Horse-9');
    const unknownUser = await login(suite.users.newEmail('unknown'), 'Wrong-Horse-9');
    expect(wrongPassword).toMatchObject({ status: 401, body: { status: 401 } });
    expect(unknownUser).toEqual(wrongPassword);
  });

  it('refuses a weak password with 400 naming the policy', async () => {
    const result = await signUp(suite.users.newEmail('weak'), 'alllowercase-and-long-1');
    expect(result.status).toBe(400);
    expect((result.body as { detail: string }).detail).toMatch(
      /8 characters.*upper-case.*lower-case.*number/,
    );
  });

  it('answers resend-code with the same 204 for a confirmed and an unknown account', async () => {
    const user = await suite.users.create();
    expect([
      (await resend(user.email)).status,
      (await resend(suite.users.newEmail('unknown'))).status,
    ]).toEqual([204, 204]);
  });

  it('refuses a refresh token that Cognito never issued with 401', async () => {
    const result = checked(
      'refreshTokens',
      await api().POST('/auth/refresh', { body: { refreshToken: 'not-a-refresh-token' } }),
    );
    expect(result).toMatchObject({ status: 401, body: { status: 401 } });
  });

  // Valid addresses of this run, so a sign-up wrongly accepted would still be cleaned up.
  it.each([
    ['not JSON', () => '{"email":'],
    [
      'an extra field',
      (email: string) => JSON.stringify({ email, password: 'Correct-Horse-9', name: 'A', admin: true }),
    ],
    ['a bad email', () => JSON.stringify({ email: 'nope', password: 'Correct-Horse-9', name: 'A' })],
    ['no password', (email: string) => JSON.stringify({ email, name: 'A' })],
    ['a JSON array', () => '[]'],
    ['an empty body', () => ''],
  ])('refuses a sign-up body with %s with 400 problem+json, never a 5xx', async (_, body) => {
    const response = await fetch(`${suite.stack.baseUrl}/auth/signup`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: body(suite.users.newEmail('invalid')),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ status: 400 });
  });
});
