/**
 * The authorizer's hostile-token corpus replayed over HTTP on every secured route of the local stack:
 * all 401 problem+json, never a 5xx, never a handler run. The corpus is signed with the emulator's
 * own key (cognito-local publishes it), so each forged token differs from a real one in exactly one
 * rule: expired, wrong audience, access token, another pool, alg none, and so on.
 */
import { decodeJwt, type JWK } from 'jose';
import { cognitoLocalSigningKey } from 'sam-local/testing';
import { hostileTokens, type HostileToken } from '../support/hostile-tokens.js';
import { specOperations } from '../support/project.js';
import { signingSetupFromJwk } from '../support/signing.js';
import { startStack, type StackTarget } from '../support/stack.js';
import { signUpConfirmAndLogin } from '../support/users.js';
import { problemViolation, send } from './http.js';
import { record } from './report.js';

// cognito-local's signing key, published in its package.
const emulatorKey = cognitoLocalSigningKey() as JWK;

const secured = specOperations()
  .filter(
    ({ method, op }) => method !== 'options' && !(Array.isArray(op.security) && op.security.length === 0),
  )
  .map(({ path, method }) => ({ method: method.toUpperCase(), path: path.replace(/\{[^}]+\}/g, 'some-id') }));

describe('hostile tokens over HTTP on every secured route', () => {
  let stack: StackTarget;
  let corpus: HostileToken[] = [];
  const counts = { tokens: 0, routes: secured.length, requests: 0, not401: 0, fiveXX: 0 };

  beforeAll(async () => {
    stack = await startStack();
    const user = await signUpConfirmAndLogin(stack);
    const claims = decodeJwt(user.idToken);
    const setup = await signingSetupFromJwk(emulatorKey, {
      issuer: String(claims.iss),
      audience: String(claims.aud),
      kid: 'CognitoLocal',
    });
    corpus = [
      ...(await hostileTokens(setup)),
      { name: "the user's own access token", token: `Bearer ${user.accessToken}` },
    ];
    counts.tokens = corpus.length;
  }, 120_000);

  afterAll(async () => {
    record('hostileTokens', counts);
    await stack?.stop();
  });

  it('refuses every token on every secured route with 401 problem+json', async () => {
    const wrong: string[] = [];
    for (const { method, path } of secured) {
      for (const { name, token } of corpus) {
        const r = await send(stack.baseUrl, method, path, {
          headers: { authorization: token },
          body: method === 'GET' || method === 'DELETE' ? undefined : '{}',
        });
        counts.requests++;
        if (r.status >= 500) counts.fiveXX++;
        if (r.status !== 401 || problemViolation(r)) {
          counts.not401++;
          wrong.push(`${method} ${path} with "${name}" -> ${r.status} ${r.text.slice(0, 80)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(counts.tokens).toBeGreaterThanOrEqual(15);
  });
});
