/**
 * A signed-up, confirmed and logged-in user, through the public API (the generated client), for
 * integration tests. Locally the confirmation code comes from the stack's output; against a
 * deployed stage the user is confirmed with AdminConfirmSignUp (needs TEST_USER_POOL_ID and AWS
 * credentials in the environment).
 */
import { randomUUID } from 'node:crypto';
import { createApiClient } from '../../api/client.js';
import type { StackTarget } from './stack.js';

export interface TestUser {
  email: string;
  password: string;
  idToken: string;
  accessToken: string;
  refreshToken: string;
  sub: string;
}

function claims(jwt: string): Record<string, unknown> {
  const payload = jwt.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

async function adminConfirm(email: string): Promise<void> {
  const poolId = process.env.TEST_USER_POOL_ID;
  if (!poolId) throw new Error('Set TEST_USER_POOL_ID to confirm test users on a deployed stack');
  const { CognitoIdentityProviderClient, AdminConfirmSignUpCommand } =
    await import('@aws-sdk/client-cognito-identity-provider');
  const client = new CognitoIdentityProviderClient({});
  try {
    await client.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: email }));
  } finally {
    client.destroy();
  }
}

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
  if (stack.local) {
    const code = await stack.confirmationCode(email);
    const confirm = await api.POST('/auth/confirm', { body: { email, code } });
    if (confirm.response.status !== 204) {
      throw new Error(
        `confirmation of ${email} answered ${confirm.response.status}: ${JSON.stringify(confirm.error)}`,
      );
    }
  } else {
    await adminConfirm(email);
  }
  return logIn(stack, email, password);
}

/** Logs an existing, confirmed user in (e.g. again after the stack restarted). */
export async function logIn(stack: StackTarget, email: string, password: string): Promise<TestUser> {
  const login = await createApiClient(stack.baseUrl).POST('/auth/login', { body: { email, password } });
  if (login.response.status !== 200 || !login.data) {
    throw new Error(`login of ${email} answered ${login.response.status}: ${JSON.stringify(login.error)}`);
  }
  const { idToken, accessToken, refreshToken } = login.data;
  return { email, password, idToken, accessToken, refreshToken, sub: String(claims(idToken).sub) };
}
