/**
 * The authorizer on every users route, against hostile tokens forged with the key cognito-local
 * publishes in its package (for this pool and client), so each token breaks exactly one rule: all
 * 401, and the owner's profile unchanged. Local only: on AWS nobody holds the pool's signing key.
 */
import type { JWK } from 'jose';
import { cognitoLocalSigningKey } from 'sam-local/testing';
import { checked, claimsOf } from '../support/api-responses.js';
import { hostileTokens, type HostileToken } from '../support/hostile-tokens.js';
import { signIdToken, signingSetupFromJwk, type SigningSetup } from '../support/signing.js';
import { startStack, type StackTarget } from '../support/stack.js';
import { apiAs, signUpConfirmAndLogin, type TestUser } from '../support/users.js';

let stack: StackTarget;
let ann: TestUser;
const as = (idToken: string) => apiAs(stack, { idToken });

beforeAll(async () => {
  stack = await startStack();
  ann = await signUpConfirmAndLogin(stack, { name: 'Ann' });
  const created = checked(
    'createUser',
    await as(ann.idToken).POST('/users', {
      body: { userId: ann.sub, name: 'Ann', email: ann.email, bio: 'ann-secret-bio' },
    }),
  );
  expect(created.status).toBe(201);
}, 120_000);
afterAll(() => stack?.stop());

describe('hostile tokens on every users route', () => {
  let setup: SigningSetup;
  let corpus: HostileToken[];

  beforeAll(async () => {
    // cognito-local signs with a key it publishes in its package: forge tokens with it, for this pool and client.
    const jwk = cognitoLocalSigningKey() as JWK;
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
