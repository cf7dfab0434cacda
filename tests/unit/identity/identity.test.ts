import {
  CodeMismatchException,
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  ExpiredCodeException,
  InitiateAuthCommand,
  InternalErrorException,
  InvalidParameterException,
  InvalidPasswordException,
  LimitExceededException,
  NotAuthorizedException,
  PasswordResetRequiredException,
  ResendConfirmationCodeCommand,
  SignUpCommand,
  TooManyFailedAttemptsException,
  TooManyRequestsException,
  UserNotConfirmedException,
  UserNotFoundException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../../src/functions/identity.js';
import { contractViolations } from '../../support/contract.js';
import { apiEvent } from '../../support/events.js';

const CLIENT_ID = 'identity-test-client';
const cognito = mockClient(CognitoIdentityProviderClient);
const meta = { $metadata: {} };
const savedEnv = { ...process.env };

beforeAll(() => {
  process.env.USER_POOL_CLIENT_ID = CLIENT_ID;
});
afterAll(() => {
  process.env = savedEnv;
});
beforeEach(() => cognito.reset());

type Op = 'signUp' | 'confirmSignUp' | 'resendConfirmationCode' | 'login' | 'refreshTokens';

async function call(operationName: Op, body: unknown) {
  const event = apiEvent('identity', {
    body: typeof body === 'string' ? body : JSON.stringify(body),
    requestContext: { operationName } as never,
  });
  const result = await handler(event);
  const parsed = result.body ? (JSON.parse(result.body) as Record<string, unknown>) : undefined;
  return { result, body: parsed };
}

function expectContract(operationId: Op, result: APIGatewayProxyResult, body: unknown) {
  expect(
    contractViolations(operationId, result.statusCode, result.headers?.['Content-Type'] as string, body),
  ).toEqual([]);
}

/** A JWT-shaped token whose payload has `exp` (the service reads only that number, unverified). */
const idTokenExpiringIn = (seconds: number) =>
  `eyJhbGciOiJSUzI1NiJ9.${Buffer.from(JSON.stringify({ exp: Math.floor(Date.now() / 1000) + seconds })).toString('base64url')}.c2ln`;

const signUp = { email: 'Ann@Example.com', password: 'Correct-Horse-9', name: 'Ann' };
const login = { email: 'Ann@Example.com', password: 'Correct-Horse-9' };

describe('POST /auth/signup', () => {
  it('registers with the email as username (lower-cased) and the name attribute: 201', async () => {
    cognito.on(SignUpCommand).resolves({ UserSub: 'sub-1', UserConfirmed: false });
    const { result, body } = await call('signUp', signUp);
    expect(result.statusCode).toBe(201);
    expect(body).toEqual({ userSub: 'sub-1', userConfirmed: false });
    expectContract('signUp', result, body);
    expect(cognito.commandCalls(SignUpCommand)[0]?.args[0].input).toEqual({
      ClientId: CLIENT_ID,
      Username: 'ann@example.com',
      Password: 'Correct-Horse-9',
      UserAttributes: [
        { Name: 'email', Value: 'ann@example.com' },
        { Name: 'name', Value: 'Ann' },
      ],
    });
  });

  it.each([
    ['no upper-case letter', 'correct-horse-9'],
    ['no lower-case letter', 'CORRECT-HORSE-9'],
    ['no number', 'Correct-Horse-Nine'],
  ])(
    'refuses a weak password (%s) with 400 naming the policy, without calling Cognito',
    async (_, password) => {
      const { result, body } = await call('signUp', { ...signUp, password });
      expect(result.statusCode).toBe(400);
      expect(body?.detail).toMatch(/at least 8 characters.*upper-case.*lower-case.*number/);
      expectContract('signUp', result, body);
      expect(cognito.calls()).toHaveLength(0);
    },
  );

  it.each([
    [
      'UsernameExistsException',
      new UsernameExistsException({ message: 'User already exists', ...meta }),
      409,
    ],
    [
      'InvalidPasswordException',
      new InvalidPasswordException({ message: 'Password did not conform', ...meta }),
      400,
    ],
    [
      'InvalidParameterException',
      new InvalidParameterException({ message: 'Invalid email address format.', ...meta }),
      400,
    ],
    ['TooManyRequestsException', new TooManyRequestsException({ message: 'Rate exceeded', ...meta }), 429],
    [
      'LimitExceededException',
      new LimitExceededException({ message: 'Attempt limit exceeded', ...meta }),
      429,
    ],
    [
      'InternalErrorException',
      new InternalErrorException({ message: 'pool us-east-1_X broke at line 3', ...meta }),
      500,
    ],
  ])('maps %s to %i problem+json', async (_, error, status) => {
    cognito.on(SignUpCommand).rejects(error);
    const { result, body } = await call('signUp', signUp);
    expect(result.statusCode).toBe(status);
    expect(result.headers?.['Content-Type']).toBe('application/problem+json');
    expect(JSON.stringify(body)).not.toContain(error.message);
    expectContract('signUp', result, body);
    if (status === 429) expect(result.headers?.['Retry-After']).toBeDefined();
  });

  it('names the policy when Cognito itself refuses the password', async () => {
    cognito.on(SignUpCommand).rejects(new InvalidPasswordException({ message: 'x', ...meta }));
    const { body } = await call('signUp', signUp);
    expect(body?.detail).toMatch(/password policy/);
  });

  it.each([
    ['not JSON', '{"email":'],
    ['no body', ''],
    ['a missing name', { email: 'a@example.com', password: 'Correct-Horse-9' }],
    ['an extra field', { ...signUp, admin: true }],
    ['a bad email', { ...signUp, email: 'not-an-email' }],
    ['a too long email', { ...signUp, email: `${'a'.repeat(250)}@example.com` }],
    ['a short password', { ...signUp, password: 'Ab1' }],
    ['a blank name', { ...signUp, name: '   ' }],
    ['a name of 101 characters', { ...signUp, name: 'n'.repeat(101) }],
    ['an array', [signUp]],
  ])('refuses a body with %s: 400, Cognito not called', async (_, body) => {
    const { result, body: problem } = await call('signUp', body);
    expect(result.statusCode).toBe(400);
    expectContract('signUp', result, problem);
    expect(cognito.calls()).toHaveLength(0);
  });
});

describe('POST /auth/confirm', () => {
  it('confirms with the code: 204', async () => {
    cognito.on(ConfirmSignUpCommand).resolves({});
    const { result } = await call('confirmSignUp', { email: 'Ann@Example.com', code: '123456' });
    expect(result.statusCode).toBe(204);
    expectContract('confirmSignUp', result, undefined);
    expect(cognito.commandCalls(ConfirmSignUpCommand)[0]?.args[0].input).toEqual({
      ClientId: CLIENT_ID,
      Username: 'ann@example.com',
      ConfirmationCode: '123456',
    });
  });

  it('answers a wrong code, an expired code, an unknown user and a confirmed account identically: 400', async () => {
    const bodies: unknown[] = [];
    for (const error of [
      new CodeMismatchException({ message: 'Invalid verification code provided', ...meta }),
      new ExpiredCodeException({ message: 'Invalid code provided, please request a code again.', ...meta }),
      new UserNotFoundException({ message: 'Username/client id combination not found.', ...meta }),
      new NotAuthorizedException({
        message: 'User cannot be confirmed. Current status is CONFIRMED',
        ...meta,
      }),
    ]) {
      cognito.reset();
      cognito.on(ConfirmSignUpCommand).rejects(error);
      const { result, body } = await call('confirmSignUp', { email: 'a@example.com', code: '000000' });
      expect(result.statusCode).toBe(400);
      expectContract('confirmSignUp', result, body);
      bodies.push(body);
    }
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
  });

  it('maps too many attempts to 429', async () => {
    cognito.on(ConfirmSignUpCommand).rejects(new TooManyFailedAttemptsException({ message: 'x', ...meta }));
    const { result, body } = await call('confirmSignUp', { email: 'a@example.com', code: '000000' });
    expect(result.statusCode).toBe(429);
    expectContract('confirmSignUp', result, body);
  });

  it.each([
    ['letters in the code', { email: 'a@example.com', code: '12ab56' }],
    ['a code of 11 digits', { email: 'a@example.com', code: '12345678901' }],
    ['no code', { email: 'a@example.com' }],
  ])('refuses %s: 400, Cognito not called', async (_, body) => {
    const { result } = await call('confirmSignUp', body);
    expect(result.statusCode).toBe(400);
    expect(cognito.calls()).toHaveLength(0);
  });
});

describe('POST /auth/resend-code', () => {
  it('sends the code again: 204', async () => {
    cognito.on(ResendConfirmationCodeCommand).resolves({});
    const { result } = await call('resendConfirmationCode', { email: 'Ann@Example.com' });
    expect(result.statusCode).toBe(204);
    expect(cognito.commandCalls(ResendConfirmationCodeCommand)[0]?.args[0].input).toEqual({
      ClientId: CLIENT_ID,
      Username: 'ann@example.com',
    });
  });

  it('answers the same 204 for an unknown or already confirmed account (no enumeration)', async () => {
    for (const error of [
      new UserNotFoundException({ message: 'not found', ...meta }),
      new InvalidParameterException({ message: 'User is already confirmed.', ...meta }),
    ]) {
      cognito.reset();
      cognito.on(ResendConfirmationCodeCommand).rejects(error);
      const { result } = await call('resendConfirmationCode', { email: 'a@example.com' });
      expect(result.statusCode).toBe(204);
    }
  });

  it('maps throttling to 429 and an unexpected failure to a 500 without internals', async () => {
    cognito.on(ResendConfirmationCodeCommand).rejects(new LimitExceededException({ message: 'x', ...meta }));
    expect((await call('resendConfirmationCode', { email: 'a@example.com' })).result.statusCode).toBe(429);
    cognito.reset();
    // What an emulator without this API answers (cognito-local: "CognitoLocal#Unsupported").
    cognito
      .on(ResendConfirmationCodeCommand)
      .rejects(Object.assign(new Error('Cognito Local unsupported feature'), { name: 'Unsupported' }));
    const { result, body } = await call('resendConfirmationCode', { email: 'a@example.com' });
    expect(result.statusCode).toBe(500);
    expect(JSON.stringify(body)).not.toMatch(/Cognito Local/);
    expectContract('resendConfirmationCode', result, body);
  });
});

describe('POST /auth/login', () => {
  it("returns the tokens with Cognito's ExpiresIn: 200", async () => {
    cognito.on(InitiateAuthCommand).resolves({
      AuthenticationResult: {
        IdToken: 'id.t.k',
        AccessToken: 'ac.t.k',
        RefreshToken: 'rf',
        ExpiresIn: 3600,
        TokenType: 'Bearer',
      },
    });
    const { result, body } = await call('login', login);
    expect(result.statusCode).toBe(200);
    expect(body).toEqual({
      idToken: 'id.t.k',
      accessToken: 'ac.t.k',
      refreshToken: 'rf',
      expiresIn: 3600,
      tokenType: 'Bearer',
    });
    expectContract('login', result, body);
    expect(cognito.commandCalls(InitiateAuthCommand)[0]?.args[0].input).toEqual({
      ClientId: CLIENT_ID,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'ann@example.com', PASSWORD: 'Correct-Horse-9' },
    });
  });

  it("derives expiresIn from the ID token's exp when the emulator omits ExpiresIn (cognito-local)", async () => {
    const idToken = idTokenExpiringIn(86400);
    cognito
      .on(InitiateAuthCommand)
      .resolves({ AuthenticationResult: { IdToken: idToken, AccessToken: 'a', RefreshToken: 'r' } });
    const { result, body } = await call('login', login);
    expect(result.statusCode).toBe(200);
    expect(body?.expiresIn).toBeGreaterThan(86390);
    expect(body?.expiresIn).toBeLessThanOrEqual(86400);
    expect(body?.tokenType).toBe('Bearer');
    expectContract('login', result, body);
  });

  it('answers a wrong password and an unknown user with the identical 401, on AWS and on the emulators', async () => {
    const answers: string[] = [];
    for (const error of [
      new NotAuthorizedException({ message: 'Incorrect username or password.', ...meta }), // AWS, moto: wrong password
      new UserNotFoundException({ message: 'User does not exist.', ...meta }), // moto: unknown user
      new InvalidPasswordException({ message: 'Invalid password', ...meta }), // cognito-local: wrong password
      new NotAuthorizedException({ message: 'User not authorized', ...meta }), // cognito-local: unknown user
      new PasswordResetRequiredException({ message: 'Password reset required', ...meta }),
    ]) {
      cognito.reset();
      cognito.on(InitiateAuthCommand).rejects(error);
      const { result, body } = await call('login', login);
      expect(result.statusCode).toBe(401);
      expect(result.headers?.['WWW-Authenticate']).toBe('Bearer');
      expectContract('login', result, body);
      answers.push(JSON.stringify(body));
    }
    expect(new Set(answers).size).toBe(1);
    expect(JSON.parse(answers[0] ?? '{}')).toMatchObject({
      status: 401,
      detail: 'Incorrect email or password.',
    });
  });

  it('refuses an unconfirmed account with 403', async () => {
    cognito
      .on(InitiateAuthCommand)
      .rejects(new UserNotConfirmedException({ message: 'User is not confirmed.', ...meta }));
    const { result, body } = await call('login', login);
    expect(result.statusCode).toBe(403);
    expect(body?.detail).toMatch(/not confirmed/);
    expectContract('login', result, body);
  });

  it('refuses with 403 when Cognito asks for a challenge this API does not offer', async () => {
    cognito.on(InitiateAuthCommand).resolves({ ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 's' });
    const { result, body } = await call('login', login);
    expect(result.statusCode).toBe(403);
    expectContract('login', result, body);
  });

  it('maps too many attempts to 429', async () => {
    cognito.on(InitiateAuthCommand).rejects(new TooManyRequestsException({ message: 'x', ...meta }));
    const { result, body } = await call('login', login);
    expect(result.statusCode).toBe(429);
    expectContract('login', result, body);
  });

  it('does not apply the sign-up password policy to login (old passwords still work)', async () => {
    cognito.on(InitiateAuthCommand).resolves({
      AuthenticationResult: { IdToken: 'i', AccessToken: 'a', RefreshToken: 'r', ExpiresIn: 60 },
    });
    const { result } = await call('login', { ...login, password: 'x' });
    expect(result.statusCode).toBe(200);
  });

  it.each([
    ['an empty password', { ...login, password: '' }],
    ['a password of 257 characters', { ...login, password: 'x'.repeat(257) }],
    ['a bad email', { ...login, email: 'ann' }],
    ['an extra field', { ...login, mfa: '123' }],
  ])('refuses %s: 400, Cognito not called', async (_, body) => {
    const { result } = await call('login', body);
    expect(result.statusCode).toBe(400);
    expect(cognito.calls()).toHaveLength(0);
  });
});

describe('POST /auth/refresh', () => {
  it('exchanges a refresh token for new ID and access tokens: 200', async () => {
    cognito
      .on(InitiateAuthCommand)
      .resolves({ AuthenticationResult: { IdToken: idTokenExpiringIn(3600), AccessToken: 'a' } });
    const { result, body } = await call('refreshTokens', { refreshToken: 'rf-token' });
    expect(result.statusCode).toBe(200);
    expect(body).toMatchObject({ accessToken: 'a', tokenType: 'Bearer' });
    expectContract('refreshTokens', result, body);
    expect(cognito.commandCalls(InitiateAuthCommand)[0]?.args[0].input).toEqual({
      ClientId: CLIENT_ID,
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { REFRESH_TOKEN: 'rf-token' },
    });
  });

  it('refuses an invalid, expired or revoked refresh token with 401', async () => {
    cognito
      .on(InitiateAuthCommand)
      .rejects(new NotAuthorizedException({ message: 'Invalid Refresh Token', ...meta }));
    const { result, body } = await call('refreshTokens', { refreshToken: 'forged' });
    expect(result.statusCode).toBe(401);
    expect(body?.detail).toBe('The refresh token is invalid, expired or revoked.');
    expectContract('refreshTokens', result, body);
  });

  it('refuses a refresh token over 4096 characters: 400, Cognito not called', async () => {
    const { result } = await call('refreshTokens', { refreshToken: 'r'.repeat(4097) });
    expect(result.statusCode).toBe(400);
    expect(cognito.calls()).toHaveLength(0);
  });
});
