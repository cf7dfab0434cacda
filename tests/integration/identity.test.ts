/**
 * Identity on the local stack, through the generated client: the whole journey (sign-up, the code
 * from the log, confirmation, login, the users CRUD, refresh) and every refusal the issue lists.
 */
import { randomUUID } from 'node:crypto';
import { createApiClient, type ApiClient } from '../../api/client.js';
import { checked, claimsOf } from '../support/api-responses.js';
import { startStack, type StackTarget } from '../support/stack.js';

let stack: StackTarget;
let api: ApiClient;
const email = () => `id-${randomUUID().slice(0, 8)}@example.test`;
const PASSWORD = 'Correct-Horse-9';

beforeAll(async () => {
  stack = await startStack();
  api = createApiClient(stack.baseUrl);
}, 90_000);
afterAll(() => stack?.stop());

const authed = (idToken: string) =>
  createApiClient(stack.baseUrl, { headers: { Authorization: `Bearer ${idToken}` } });

async function signUp(address: string, password = PASSWORD) {
  return checked(
    'signUp',
    await api.POST('/auth/signup', { body: { email: address, password, name: 'Ann' } }),
  );
}

async function confirm(address: string, code: string) {
  return checked('confirmSignUp', await api.POST('/auth/confirm', { body: { email: address, code } }));
}

async function login(address: string, password = PASSWORD) {
  return checked('login', await api.POST('/auth/login', { body: { email: address, password } }));
}

describe('the identity journey', () => {
  it('signs up, confirms with the code from the log, logs in, manages the profile and refreshes', async () => {
    const address = email();
    const signedUp = await signUp(address);
    expect(signedUp).toMatchObject({ status: 201, body: { userConfirmed: false } });
    const { userSub } = signedUp.body as { userSub: string };

    const code = await stack.confirmationCode(address);
    expect(code).toMatch(/^\d+$/);
    expect((await confirm(address, code)).status).toBe(204);

    const loggedIn = await login(address);
    expect(loggedIn.status).toBe(200);
    const tokens = loggedIn.body as {
      idToken: string;
      refreshToken: string;
      expiresIn: number;
      tokenType: string;
    };
    expect(tokens.tokenType).toBe('Bearer');
    expect(tokens.expiresIn).toBeGreaterThan(0);
    expect(claimsOf(tokens.idToken)).toMatchObject({ sub: userSub, email: address, token_use: 'id' });

    const me = authed(tokens.idToken);
    const userId = userSub;
    expect(checked('getMe', await me.GET('/users/me')).status).toBe(404);
    const created = checked(
      'createUser',
      await me.POST('/users', { body: { userId, name: 'Ann', email: address, bio: 'Hi' } }),
    );
    expect(created).toMatchObject({ status: 201, body: { userId, name: 'Ann', email: address, bio: 'Hi' } });
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
    expect(
      checked('getUser', await me.GET('/users/{userId}', { params: { path: { userId } } })),
    ).toMatchObject({
      status: 200,
      body: { name: 'Ann B' },
    });

    const refreshed = checked(
      'refreshTokens',
      await api.POST('/auth/refresh', { body: { refreshToken: tokens.refreshToken } }),
    );
    expect(refreshed.status).toBe(200);
    const fresh = refreshed.body as { idToken: string; accessToken: string };
    expect(claimsOf(fresh.idToken)).toMatchObject({ sub: userSub, token_use: 'id' });
    // The refreshed ID token works on a secured route.
    const again = authed(fresh.idToken);
    expect(
      checked('deleteUser', await again.DELETE('/users/{userId}', { params: { path: { userId } } })).status,
    ).toBe(204);
    expect(checked('getMe', await again.GET('/users/me')).status).toBe(404);
    // The access token is not an ID token: the authorizer refuses it.
    const withAccessToken = createApiClient(stack.baseUrl, {
      headers: { Authorization: `Bearer ${fresh.accessToken}` },
    });
    expect(checked('getMe', await withAccessToken.GET('/users/me')).status).toBe(401);
  });

  it('treats the email case-insensitively, as the user pool does', async () => {
    const address = email();
    const shouted = address.toUpperCase().replace('@EXAMPLE.TEST', '@Example.Test');
    expect((await signUp(shouted)).status).toBe(201);
    expect((await confirm(address, await stack.confirmationCode(address))).status).toBe(204);
    expect((await login(address)).status).toBe(200);
    expect((await login(shouted)).status).toBe(200);
  });
});

describe('identity refusals', () => {
  it('refuses a login before confirmation with 403', async () => {
    const address = email();
    await signUp(address);
    const result = await login(address);
    expect(result).toMatchObject({ status: 403, body: { status: 403 } });
  });

  it('answers a wrong password and an unknown user with the identical 401', async () => {
    const address = email();
    await signUp(address);
    await confirm(address, await stack.confirmationCode(address));
    const wrongPassword = await login(address, 'Wrong-Horse-9');
    const unknownUser = await login(email(), 'Wrong-Horse-9');
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser).toEqual(wrongPassword);
  });

  it('refuses a second sign-up with the same email with 409', async () => {
    const address = email();
    expect((await signUp(address)).status).toBe(201);
    expect(await signUp(address, 'Another-Horse-7')).toMatchObject({ status: 409, body: { status: 409 } });
  });

  it('refuses a weak password with 400 naming the policy', async () => {
    const result = await signUp(email(), 'alllowercase-and-long-1');
    expect(result.status).toBe(400);
    expect((result.body as { detail: string }).detail).toMatch(
      /8 characters.*upper-case.*lower-case.*number/,
    );
  });

  it('refuses a wrong code with 400, and the right one still confirms', async () => {
    const address = email();
    await signUp(address);
    const code = await stack.confirmationCode(address);
    const wrong = code === '000000' ? '111111' : '000000';
    expect((await confirm(address, wrong)).status).toBe(400);
    expect((await confirm(address, code)).status).toBe(204);
    // Confirming again is refused with the same 400, not an error.
    expect((await confirm(address, code)).status).toBe(400);
  });

  it('resends a new code that confirms the account; the old one no longer does', async () => {
    const address = email();
    await signUp(address);
    const first = await stack.confirmationCode(address);
    const resent = checked(
      'resendConfirmationCode',
      await api.POST('/auth/resend-code', { body: { email: address } }),
    );
    expect(resent.status).toBe(204);
    let second = first;
    for (let i = 0; i < 50 && second === first; i++) {
      await new Promise((r) => setTimeout(r, 100));
      second = await stack.confirmationCode(address);
    }
    expect(second).not.toBe(first);
    expect((await confirm(address, first)).status).toBe(400);
    expect((await confirm(address, second)).status).toBe(204);
    expect((await login(address)).status).toBe(200);
    // A confirmed (or unknown) account gets the same 204: the endpoint does not reveal which exists.
    const again = checked(
      'resendConfirmationCode',
      await api.POST('/auth/resend-code', { body: { email: address } }),
    );
    const unknown = checked(
      'resendConfirmationCode',
      await api.POST('/auth/resend-code', { body: { email: email() } }),
    );
    expect([again.status, unknown.status]).toEqual([204, 204]);
  });

  it('refuses a refresh token that Cognito never issued with 401', async () => {
    const result = checked(
      'refreshTokens',
      await api.POST('/auth/refresh', { body: { refreshToken: 'not-a-refresh-token' } }),
    );
    expect(result).toMatchObject({ status: 401, body: { status: 401 } });
  });

  it.each([
    ['not JSON', '{"email":'],
    [
      'an extra field',
      JSON.stringify({ email: 'a@example.test', password: PASSWORD, name: 'A', admin: true }),
    ],
    ['a bad email', JSON.stringify({ email: 'nope', password: PASSWORD, name: 'A' })],
    ['a JSON array', '[]'],
    ['an empty body', ''],
  ])('refuses a sign-up body with %s with 400 problem+json, never a 5xx', async (_, body) => {
    const response = await fetch(`${stack.baseUrl}/auth/signup`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
