import type { APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { authorizerConfigFromEnv, type AuthorizerConfig } from '../../../src/auth/config.js';
import { authorizerHandler } from '../../../src/auth/authorize.js';
import { REFUSAL_REASONS, refusalReason } from '../../../src/auth/refusal.js';
import { CognitoIdTokenVerifier } from '../../../src/auth/verifier.js';
import { handler } from '../../../src/functions/authorizer.js';
import { once } from '../../../src/lib/config.js';
import { callerOf } from '../../../src/lib/http/identity.js';
import { loadEvent } from '../../support/events.js';
import { RecordedMetrics } from '../../support/fakes/metrics.js';
import { hostileTokens, type HostileToken } from '../../support/hostile-tokens.js';
import { startJwksServer, type JwksServer } from '../../support/jwks-server.js';
import {
  createSigningSetup,
  jwksOf,
  nowSeconds,
  signIdToken,
  type SigningSetup,
} from '../../support/signing.js';

const USER_POOL_ID = 'local_TestPool1';
const CLIENT_ID = 'test-app-client-id';
const API_STAGE = 'arn:aws:execute-api:us-east-1:123456789012:abc123/dev';

const baseEvent = loadEvent<APIGatewayTokenAuthorizerEvent>('authorizer');
const tokenEvent = (authorizationToken: string, methodArn = baseEvent.methodArn) => ({
  ...baseEvent,
  authorizationToken,
  methodArn,
});

/** The promise settles with the authorizer's error message, or 'allowed'. */
async function outcome(result: Promise<unknown>): Promise<string> {
  try {
    await result;
    return 'allowed';
  } catch (error) {
    return (error as Error).message;
  }
}

let jwks: JwksServer;
let setup: SigningSetup;
let config: AuthorizerConfig;
const savedEnv = { ...process.env };

beforeAll(async () => {
  jwks = await startJwksServer({ keys: [] });
  // As on the local stack with cognito-local: an http:// issuer and the JWKS on the emulator.
  Object.assign(process.env, {
    USER_POOL_ID,
    USER_POOL_CLIENT_ID: CLIENT_ID,
    COGNITO_ISSUER_BASE_URL: jwks.baseUrl,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: jwks.baseUrl,
  });
  config = authorizerConfigFromEnv(process.env);
  setup = await createSigningSetup({ issuer: config.issuer, audience: CLIENT_ID });
  jwks.serve(jwksOf(setup));
});

afterAll(async () => {
  process.env = savedEnv;
  await jwks.close();
});

describe('the authorizer function (src/functions/authorizer.ts)', () => {
  it('allows a valid ID token sent as "Bearer <jwt>", with the caller as context', async () => {
    const token = await signIdToken(setup, {
      sub: 'user-a',
      email: 'a@example.com',
      'cognito:groups': ['admin', 'staff'],
    });
    const result = await handler(tokenEvent(`Bearer ${token}`));
    expect(result).toEqual({
      principalId: 'user-a',
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: `${API_STAGE}/*/*` }],
      },
      context: { sub: 'user-a', email: 'a@example.com', groups: 'admin,staff' },
    });
  });

  it('allows a bare token and a lower-case scheme too', async () => {
    const token = await signIdToken(setup, { sub: 'user-b', email: 'b@example.com' });
    for (const header of [token, `bearer ${token}`, `  Bearer   ${token}  `]) {
      const result = await handler(tokenEvent(header));
      expect(result.principalId).toBe('user-b');
      expect(result.context).toEqual({ sub: 'user-b', email: 'b@example.com', groups: '' });
    }
  });

  it('scopes the Allow to this API and stage, whatever route was called', async () => {
    const token = await signIdToken(setup);
    for (const route of ['GET/users/me', 'DELETE/users/u-1', 'POST/submit-job-request']) {
      const result = await handler(tokenEvent(token, `${API_STAGE}/${route}`));
      expect(result.policyDocument.Statement).toEqual([
        { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: `${API_STAGE}/*/*` },
      ]);
    }
    const otherStage = await handler(
      tokenEvent(token, 'arn:aws:execute-api:eu-west-1:999999999999:zzz999/prod/GET/users/me'),
    );
    expect(otherStage.policyDocument.Statement[0]).toMatchObject({
      Resource: 'arn:aws:execute-api:eu-west-1:999999999999:zzz999/prod/*/*',
    });
  });

  it('tolerates a small clock skew on exp and nbf (30 s), no more', async () => {
    const now = nowSeconds();
    expect(await outcome(handler(tokenEvent(await signIdToken(setup, { exp: now - 10 }))))).toBe('allowed');
    expect(await outcome(handler(tokenEvent(await signIdToken(setup, { nbf: now + 10 }))))).toBe('allowed');
    expect(await outcome(handler(tokenEvent(await signIdToken(setup, { exp: now - 120 }))))).toBe(
      'Unauthorized',
    );
    expect(await outcome(handler(tokenEvent(await signIdToken(setup, { nbf: now + 120 }))))).toBe(
      'Unauthorized',
    );
  });

  it('drops a group whose name contains a comma, so it cannot smuggle "admin" into the context', async () => {
    const token = await signIdToken(setup, { 'cognito:groups': ['staff', 'x,admin'] });
    const result = await handler(tokenEvent(token));
    expect(result.context?.groups).toBe('staff');
  });

  it('makes no admin of a token whose groups are " admin" or "admin " (names compare exactly)', async () => {
    const token = await signIdToken(setup, { 'cognito:groups': [' admin', 'admin ', 'staff'] });
    const result = await handler(tokenEvent(token));
    expect(result.context?.groups).toBe(' admin,admin ,staff');
    const caller = callerOf({ requestContext: { authorizer: result.context } } as never);
    expect(caller.groups).toEqual([' admin', 'admin ', 'staff']);
    expect(caller.isAdmin).toBe(false);
  });

  describe('refuses every hostile token with exactly Error("Unauthorized") (the 401 gateway response)', () => {
    let corpus: HostileToken[] = [];
    beforeAll(async () => {
      corpus = await hostileTokens(setup);
    });

    it('has at least the 15 kinds the issue lists, each with a distinct name', () => {
      expect(corpus.length).toBeGreaterThanOrEqual(15);
      expect(new Set(corpus.map((t) => t.name)).size).toBe(corpus.length);
    });

    it('refuses each one', async () => {
      const outcomes: Record<string, string> = {};
      for (const { name, token } of corpus) outcomes[name] = await outcome(handler(tokenEvent(token)));
      const expected = Object.fromEntries(corpus.map(({ name }) => [name, 'Unauthorized']));
      expect(outcomes).toEqual(expected);
    });
  });

  it('refuses a malformed event or methodArn with Unauthorized, even with a valid token', async () => {
    const token = await signIdToken(setup);
    const broken = [
      tokenEvent(token, 'not-an-arn'),
      tokenEvent(token, 'arn:aws:s3:::bucket/key'),
      tokenEvent(token, 'arn:aws:execute-api:us-east-1:123456789012:abc123'),
      { ...baseEvent, authorizationToken: undefined },
      { ...baseEvent, authorizationToken: 42 },
      {},
      undefined,
      null,
    ];
    for (const event of broken) {
      expect(await outcome(handler(event as never))).toBe('Unauthorized');
    }
  });
});

describe('the JWKS cache', () => {
  async function isolatedAuthorizer(keys: SigningSetup[]) {
    const server = await startJwksServer(jwksOf(...keys));
    const authorize = authorizerHandler(
      once(
        () =>
          new CognitoIdTokenVerifier({ ...config, jwksUri: `${server.baseUrl}/jwks/.well-known/jwks.json` }),
      ),
      new RecordedMetrics(),
    );
    return { server, authorize };
  }

  it('fetches the JWKS once and reuses it across invocations', async () => {
    const { server, authorize } = await isolatedAuthorizer([setup]);
    try {
      for (let i = 0; i < 25; i++) {
        expect(await outcome(authorize(tokenEvent(await signIdToken(setup))))).toBe('allowed');
      }
      expect(server.hits()).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('fetches it again for an unknown kid (key rotation) and then accepts the new key', async () => {
    const { server, authorize } = await isolatedAuthorizer([setup]);
    try {
      await authorize(tokenEvent(await signIdToken(setup)));
      const rotated = await createSigningSetup({
        issuer: config.issuer,
        audience: CLIENT_ID,
        kid: 'rotated-key',
      });
      server.serve(jwksOf(setup, rotated));
      expect(await outcome(authorize(tokenEvent(await signIdToken(rotated))))).toBe('allowed');
      expect(server.hits()).toBe(2);
      expect(await outcome(authorize(tokenEvent(await signIdToken(rotated))))).toBe('allowed');
      expect(server.hits()).toBe(2);
    } finally {
      await server.close();
    }
  });

  it('does not let random kids hammer the JWKS endpoint (one fetch, then a back-off)', async () => {
    const { server, authorize } = await isolatedAuthorizer([setup]);
    try {
      await authorize(tokenEvent(await signIdToken(setup)));
      expect(server.hits()).toBe(1);
      const forged = await createSigningSetup({ issuer: config.issuer, audience: CLIENT_ID, kid: 'forged' });
      for (let i = 0; i < 20; i++) {
        const token = await signIdToken({ ...forged, kid: `random-kid-${i}` });
        expect(await outcome(authorize(tokenEvent(token)))).toBe('Unauthorized');
      }
      expect(server.hits()).toBe(2);
      // Tokens with the known kid are still served from the cache meanwhile.
      expect(await outcome(authorize(tokenEvent(await signIdToken(setup))))).toBe('allowed');
    } finally {
      await server.close();
    }
  });

  it('refuses (401, not a crash) while the JWKS endpoint is down, erroring or serving garbage', async () => {
    const { server, authorize } = await isolatedAuthorizer([setup]);
    const token = await signIdToken(setup);
    try {
      server.serve({ status: 500, body: 'upstream error' });
      expect(await outcome(authorize(tokenEvent(token)))).toBe('Unauthorized');
      server.serve({ status: 200, body: '<html>not json</html>' });
      expect(await outcome(authorize(tokenEvent(token)))).toBe('Unauthorized');
      server.serve({ status: 200, body: '{"keys":"nope"}' });
      expect(await outcome(authorize(tokenEvent(token)))).toBe('Unauthorized');
      // Once it recovers, the same token is accepted: a failed fetch is not cached.
      server.serve(jwksOf(setup));
      expect(await outcome(authorize(tokenEvent(token)))).toBe('allowed');
    } finally {
      await server.close();
    }
    // Now nothing listens on that port at all.
    const fresh = authorizerHandler(
      once(
        () => new CognitoIdTokenVerifier({ ...config, jwksUri: `${server.baseUrl}/x/.well-known/jwks.json` }),
      ),
      new RecordedMetrics(),
    );
    expect(await outcome(fresh(tokenEvent(token)))).toBe('Unauthorized');
  });

  it('refuses (401, not a crash) when its configuration is missing', async () => {
    const misconfigured = authorizerHandler(
      once(() => new CognitoIdTokenVerifier(authorizerConfigFromEnv({}))),
      new RecordedMetrics(),
    );
    expect(await outcome(misconfigured(tokenEvent(await signIdToken(setup))))).toBe('Unauthorized');
  });
});

describe('refusals are counted by reason class (AuthorizerRefused, src/auth/refusal.ts)', () => {
  const refusedAs = async (tokens: { name: string; token: string }[]) => {
    const metrics = new RecordedMetrics();
    const authorize = authorizerHandler(
      once(() => new CognitoIdTokenVerifier(config)),
      metrics,
    );
    const byReason: Record<string, string[]> = {};
    for (const { name, token } of tokens) {
      const before = metrics.recorded.length;
      expect(await outcome(authorize(tokenEvent(token)))).toBe('Unauthorized');
      const recorded = metrics.recorded.slice(before);
      expect(recorded).toEqual([{ name: 'AuthorizerRefused', value: 1, dimensions: expect.any(Object) }]);
      (byReason[recorded[0]!.dimensions.reason!] ??= []).push(name);
    }
    return byReason;
  };

  it('classes every hostile token by what is wrong with it, never as the authorizer failing', async () => {
    const byReason = await refusedAs(await hostileTokens(setup));
    expect(byReason).toEqual({
      missing: ['empty Bearer', 'empty header', 'only spaces', 'Bearer and nothing else'],
      malformed: [
        'alg none, empty signature',
        'exp is a string',
        'kid is a number',
        'Basic scheme',
        'garbage',
        'malformed base64 in the header',
        'header is valid base64 but not JSON',
        'payload is valid base64 but not JSON',
        'payload is a JSON array',
        'two segments',
        'four segments',
        'five segments (JWE-shaped, like a Cognito refresh token)',
        'whitespace inside the token',
        'huge header (over the size limit)',
        'huge token (over the size limit)',
        'valid token after two Bearer prefixes',
      ],
      expired: ['expired an hour ago'],
      signature: [
        'bad signature (last bytes changed)',
        'tampered payload with the original signature (sub changed, admin added)',
        'truncated signature',
        'signed by another key under the right kid',
        'attacker key embedded in the header (jwk) under the right kid',
        'jku header pointing elsewhere, signed by another key',
        'alg none, with a signature',
        'alg "None" (case trick)',
        'HS256 signed with the public key (PEM) as the HMAC secret',
        'RS384 signed by the right key',
        'ES256 signed by another key under the right kid',
        'token from another user pool (its own key, kid, issuer and client)',
        'no kid',
        'unknown kid',
        'kid with path traversal',
      ],
      audience: [
        'wrong audience (another app client)',
        'no audience',
        'audience list with the right client and another',
        'access token (token_use access, client_id, no aud)',
      ],
      'token-use': [
        'access token that also carries the right aud',
        'no token_use (a refresh-token-like JWT)',
      ],
      claims: [
        'not yet valid (nbf in an hour)',
        'issued in the future (iat in an hour)',
        'no exp (never expires)',
        'no iat',
        'wrong issuer',
        'issuer with a trailing slash',
        'no issuer',
        'no sub',
        'another pool issuer signed with the right key',
      ],
    });
  });

  it('classes a JWKS outage or a misconfiguration as unavailable, and a bad event as malformed', async () => {
    const token = await signIdToken(setup);
    const metrics = new RecordedMetrics();
    const down = authorizerHandler(
      once(
        () => new CognitoIdTokenVerifier({ ...config, jwksUri: 'http://127.0.0.1:1/.well-known/jwks.json' }),
      ),
      metrics,
    );
    const misconfigured = authorizerHandler(
      once(() => new CognitoIdTokenVerifier(authorizerConfigFromEnv({}))),
      metrics,
    );
    await outcome(down(tokenEvent(token)));
    await outcome(misconfigured(tokenEvent(token)));
    await outcome(handlerWith(metrics)(tokenEvent(token, 'not-an-arn')));
    expect(metrics.counts()).toEqual([
      'AuthorizerRefused{reason=unavailable}',
      'AuthorizerRefused{reason=unavailable}',
      'AuthorizerRefused{reason=malformed}',
    ]);
  });

  it('counts nothing for a token it allows', async () => {
    const metrics = new RecordedMetrics();
    expect(await outcome(handlerWith(metrics)(tokenEvent(await signIdToken(setup))))).toBe('allowed');
    expect(metrics.recorded).toEqual([]);
  });

  it('maps any error to one of the closed set, the unknown ones to unavailable', () => {
    for (const error of [new Error('x'), 'a string', undefined, null, { reason: 'user-42' }])
      expect(refusalReason(error)).toBe('unavailable');
    expect(REFUSAL_REASONS).toHaveLength(8);
  });

  const handlerWith = (metrics: RecordedMetrics) =>
    authorizerHandler(
      once(() => new CognitoIdTokenVerifier(config)),
      metrics,
    );
});
