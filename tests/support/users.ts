/**
 * Users of the API for tests: a logged-in user (`logIn`, through the generated client, on any stack
 * given its base URL), a client that calls as that user (`apiAs`), and, on the local stack only, a
 * user signed up and confirmed with the code the stack printed (`signUpConfirmAndLogin`).
 */
import { randomUUID } from 'node:crypto';
import { createApiClient, type ApiClient } from '../../api/client.js';
import { claimsOf } from './api-responses.js';
import type { StackTarget } from './stack.js';

export interface TestUser {
  email: string;
  password: string;
  idToken: string;
  accessToken: string;
  refreshToken: string;
  sub: string;
}

/** Where an API answers: the local stack, or the ApiUrl output of any stack. */
export interface ApiBase {
  baseUrl: string;
}

/**
 * The generated client, calling as `user`: its auth middleware sends the ID token as the Bearer
 * token on secured operations. No refresh: a test that sends a bad token wants its 401.
 */
export function apiAs(target: ApiBase, user: Pick<TestUser, 'idToken'>): ApiClient {
  return createApiClient(target.baseUrl, {
    tokens: { token: () => user.idToken, refresh: () => Promise.resolve(undefined) },
  });
}

/** Logs an existing, confirmed user in through POST /auth/login. */
export async function logIn(target: ApiBase, email: string, password: string): Promise<TestUser> {
  const login = await createApiClient(target.baseUrl).POST('/auth/login', { body: { email, password } });
  if (login.response.status !== 200 || !login.data) {
    throw new Error(`login of ${email} answered ${login.response.status}: ${JSON.stringify(login.error)}`);
  }
  const { idToken, accessToken, refreshToken } = login.data;
  return { email, password, idToken, accessToken, refreshToken, sub: String(claimsOf(idToken).sub) };
}

/** Local stack only: signs up through the API and confirms with the code the stack printed. */
export async function signUpConfirmAndLogin(
  stack: StackTarget,
  options: { email?: string; password?: string; name?: string } = {},
): Promise<TestUser> {
  const api = createApiClient(stack.baseUrl);
  const email = options.email ?? `user-${randomUUID().slice(0, 8)}@example.test`;
  const password = options.password ?? `Pw-${randomUUID().slice(0, 12)}-9aZ`;
  const name = options.name ?? 'Test User';

  const signUp = await api.POST('/auth/signup', { body: { email, password, name } });
  if (signUp.response.status !== 201) {
    throw new Error(
      `sign-up of ${email} answered ${signUp.response.status}: ${JSON.stringify(signUp.error)}`,
    );
  }
  const code = await stack.confirmationCode(email);
  const confirm = await api.POST('/auth/confirm', { body: { email, code } });
  if (confirm.response.status !== 204) {
    throw new Error(
      `confirmation of ${email} answered ${confirm.response.status}: ${JSON.stringify(confirm.error)}`,
    );
  }
  return logIn(stack, email, password);
}
