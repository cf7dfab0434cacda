/**
 * An explicit AWS::Serverless::Api with no definition (SAM generates it from the Api events) whose
 * Auth names a Cognito user pool of the template as DefaultAuthorizer, Lambda TOKEN and REQUEST
 * authorizers per event, `Authorizer: NONE` and OAuth scopes per event, and Cors; orders are
 * consumed from a queue through a standalone AWS::Lambda::EventSourceMapping
 * (tests/fixtures/cognito-orders). A real ID token comes from the local user pool through the SDK
 * (SignUp, AdminConfirmSignUp, InitiateAuth against the endpoint the runner prints); forged and
 * expired tokens are refused as API Gateway refuses them.
 */
import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import {
  AdminConfirmSignUpCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { fixture } from '../support/paths.js';
import { stackOutputs } from '../support/outputs.js';
import { cognitoLocalSigningKey, startStack, type StackTarget } from '../../src/public/testing.js';

let stack: StackTarget;
let outputs: Record<string, string>;
let idToken: string;
let accessToken: string;
const email = 'shopper@example.test';

beforeAll(async () => {
  stack = await startStack({ template: fixture('cognito-orders', 'template.yaml') });
  outputs = await stackOutputs(stack.dataDir);
  const cognito = new CognitoIdentityProviderClient({
    endpoint: stack.awsEnv.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const password = 'Shopper-Pass-1';
  await cognito.send(
    new SignUpCommand({
      ClientId: outputs.UserPoolClientId,
      Username: email,
      Password: password,
      UserAttributes: [{ Name: 'email', Value: email }],
    }),
  );
  await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: outputs.UserPoolId, Username: email }));
  const auth = await cognito.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: outputs.UserPoolClientId,
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  cognito.destroy();
  idToken = auth.AuthenticationResult?.IdToken as string;
  accessToken = auth.AuthenticationResult?.AccessToken as string;
}, 90000);

afterAll(async () => {
  await stack?.stop();
});

const call = async (path: string, headers: Record<string, string> = {}, init: RequestInit = {}) => {
  const response = await fetch(`${stack.baseUrl}${path}`, { ...init, headers });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

/** A JWT as cognito-local signs them (RS256, kid CognitoLocal), with `key`. */
function jwt(payload: Record<string, unknown>, key: KeyObject): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const data = `${part({ alg: 'RS256', kid: 'CognitoLocal', typ: 'JWT' })}.${part(payload)}`;
  return `${data}.${sign('RSA-SHA256', Buffer.from(data), key).toString('base64url')}`;
}
/** The claims of the real ID token, with `changes`. */
function claimsOf(token: string, changes: Record<string, unknown>): Record<string, unknown> {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString()) as Record<
    string,
    unknown
  >;
  return { ...payload, ...changes };
}

describe('a COGNITO_USER_POOLS default authorizer (SAM Auth with UserPoolArn)', () => {
  it('refuses a request without the Authorization header: 401 Unauthorized', async () => {
    expect(await call('/profile')).toEqual({ status: 401, body: { message: 'Unauthorized' } });
  });

  it('refuses a token that is not a JWT, and one signed by another key with the pool as issuer', async () => {
    expect(await call('/profile', { Authorization: 'not-a-token' })).toEqual({
      status: 401,
      body: { message: 'Unauthorized' },
    });
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = jwt(claimsOf(idToken, {}), privateKey);
    expect((await call('/profile', { Authorization: forged })).status).toBe(401);
  });

  it("refuses an expired token signed with the pool's own key: 401 The incoming token has expired", async () => {
    const key = createPrivateKey({ key: cognitoLocalSigningKey(), format: 'jwk' });
    const now = Math.floor(Date.now() / 1000);
    // The same claims re-signed and still valid pass: only the expiry differs below.
    const resigned = jwt(claimsOf(idToken, { iat: now - 60, exp: now + 3600 }), key);
    expect((await call('/profile', { Authorization: resigned })).status).toBe(200);
    const expired = jwt(claimsOf(idToken, { iat: now - 7200, exp: now - 3600 }), key);
    expect(await call('/profile', { Authorization: expired })).toEqual({
      status: 401,
      body: { message: 'The incoming token has expired' },
    });
  });

  it('accepts the ID token the user pool issued, and hands its claims on as requestContext.authorizer.claims', async () => {
    const { status, body } = await call('/profile', { Authorization: idToken });
    expect(status).toBe(200);
    const claims = (body.authorizer as { claims: Record<string, string> }).claims;
    expect(claims).toMatchObject({ email, token_use: 'id', aud: outputs.UserPoolClientId });
    expect(claims.iss).toBe(
      `${stack.awsEnv.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER}/${outputs.UserPoolId}`,
    );
    expect(claims.sub).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses the access token on a method without OAuth scopes (an ID token is required there)', async () => {
    expect((await call('/profile', { Authorization: accessToken })).status).toBe(401);
  });

  it('on a method with AuthorizationScopes, wants an access token holding one of them, not the ID token', async () => {
    expect((await call('/scoped', { Authorization: idToken })).status).toBe(401);
    const { status, body } = await call('/scoped', { Authorization: accessToken });
    expect(status).toBe(200);
    expect((body.authorizer as { claims: Record<string, string> }).claims).toMatchObject({
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
    });
  });

  it('lets an event opt out with Authorizer: NONE', async () => {
    expect(await call('/health')).toEqual({ status: 200, body: { resource: '/health', authorizer: null } });
  });

  it('keeps the CORS preflights open with AddDefaultAuthorizerToCorsPreflight: false, with the Cors headers given', async () => {
    const response = await fetch(`${stack.baseUrl}/profile`, { method: 'OPTIONS' });
    expect(response.status).toBe(200);
    expect(
      Object.fromEntries([...response.headers].filter(([k]) => k.startsWith('access-control-'))),
    ).toEqual({
      'access-control-allow-origin': 'https://shop.example',
      'access-control-allow-methods': 'GET,OPTIONS',
      'access-control-allow-headers': 'Authorization,Content-Type',
      'access-control-max-age': '600',
    });
  });
});

describe('Lambda authorizers declared in SAM Auth', () => {
  it('a TOKEN authorizer: its principal and context for an allowed token, 401 when it throws Unauthorized', async () => {
    const { status, body } = await call('/partner', { Authorization: 'partner-ok' });
    expect(status).toBe(200);
    expect(body.authorizer).toMatchObject({ principalId: 'partner', kind: 'partner' });
    expect(await call('/partner', { Authorization: 'someone-else' })).toEqual({
      status: 401,
      body: { message: 'Unauthorized' },
    });
  });

  it('a REQUEST authorizer on Identity.Headers: allowed, explicitly denied (403), and 401 without the header', async () => {
    expect((await call('/caller', { 'X-Caller': 'robot' })).body.authorizer).toMatchObject({
      principalId: 'robot',
    });
    expect(await call('/caller', { 'X-Caller': 'human' })).toEqual({
      status: 403,
      body: { message: 'User is not authorized to access this resource with an explicit deny' },
    });
    expect((await call('/caller')).status).toBe(401);
  });
});

describe('an SQS consumer declared as an AWS::Lambda::EventSourceMapping', () => {
  it('receives the order the API queued, with the caller from the ID token', async () => {
    const { body } = await call(
      '/orders',
      { Authorization: idToken, 'content-type': 'application/json' },
      { method: 'POST', body: JSON.stringify({ id: 'o-1', item: 'tea' }) },
    );
    expect(body).toEqual({ queued: 'o-1' });
    const sub = claimsOf(idToken, {}).sub as string;
    const [line] = await stack.waitForLog(/order o-1 processed for (\S+) \(from (\S+)\)/);
    expect(line).toBe(
      `order o-1 processed for ${sub} (from arn:aws:sqs:us-east-1:000000000000:cognito-orders-OrdersQueue)`,
    );
    expect(stack.logs()).toMatch(
      /SQS event source\s+OrderConsumerMapping\s+batch 5, window 0 s, ReportBatchItemFailures/,
    );
  });

  it('resolves the explicit API URL output (stage dev) to the local API', () => {
    expect(outputs.ApiUrl).toBe(stack.baseUrl);
  });
});
