/**
 * IdentityProvider on a Cognito user pool, through the public (unauthenticated) user pool APIs:
 * SignUp, ConfirmSignUp, ResendConfirmationCode and InitiateAuth with the app client id, which has
 * no secret. The email is the username.
 */
import {
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
  type AuthenticationResultType,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { decomposeUnverifiedJwt } from 'aws-jwt-verify/jwt';
import { forbidden, internalError } from '../lib/http/problem.js';
import { logger } from '../lib/observability.js';
import { identityProblem, isSilentResendOutcome, type IdentityOperation } from './errors.js';
import type { IdentityProvider, LoginTokens, Tokens } from './identity-provider.js';

/**
 * Seconds until the tokens expire. Cognito sends ExpiresIn; cognito-local does not, so it is then
 * read from the ID token's `exp` (only that number: the token itself is not trusted or used here).
 */
export function expiresInOf(result: AuthenticationResultType, now = Date.now()): number {
  if (typeof result.ExpiresIn === 'number') return result.ExpiresIn;
  const exp = decomposeUnverifiedJwt(result.IdToken ?? '').payload.exp;
  if (typeof exp !== 'number') throw new Error('The ID token has no exp claim');
  return Math.max(0, Math.floor(exp - now / 1000));
}

function tokensOf(result: AuthenticationResultType | undefined): Tokens {
  if (!result?.IdToken || !result.AccessToken) throw new Error('Cognito returned no tokens');
  return {
    idToken: result.IdToken,
    accessToken: result.AccessToken,
    expiresIn: expiresInOf(result),
    tokenType: 'Bearer',
  };
}

export function cognitoIdentityProvider(
  client: CognitoIdentityProviderClient,
  clientId: string,
): IdentityProvider {
  async function call<T>(operation: IdentityOperation, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      const problem = identityProblem(operation, error);
      if (problem.status >= 500) logger.error('Cognito call failed', { operation, error: error as Error });
      throw problem;
    }
  }

  return {
    signUp: ({ email, password, name }) =>
      call('signUp', async () => {
        const out = await client.send(
          new SignUpCommand({
            ClientId: clientId,
            Username: email,
            Password: password,
            UserAttributes: [
              { Name: 'email', Value: email },
              { Name: 'name', Value: name },
            ],
          }),
        );
        if (!out.UserSub) throw new Error('Cognito returned no UserSub');
        return { userSub: out.UserSub, userConfirmed: out.UserConfirmed ?? false };
      }),

    confirmSignUp: (email, code) =>
      call('confirmSignUp', async () => {
        await client.send(
          new ConfirmSignUpCommand({ ClientId: clientId, Username: email, ConfirmationCode: code }),
        );
      }),

    resendConfirmationCode: (email) =>
      call('resendConfirmationCode', async () => {
        try {
          await client.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: email }));
        } catch (error) {
          if (!isSilentResendOutcome(error)) throw error;
        }
      }),

    login: (email, password) =>
      call('login', async (): Promise<LoginTokens> => {
        const out = await client.send(
          new InitiateAuthCommand({
            ClientId: clientId,
            AuthFlow: 'USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: email, PASSWORD: password },
          }),
        );
        // Only reached with the right password: naming the challenge reveals nothing new.
        if (out.ChallengeName) {
          throw forbidden(
            `This account must complete a ${out.ChallengeName} challenge, which this API does not offer.`,
          );
        }
        const refreshToken = out.AuthenticationResult?.RefreshToken;
        if (!refreshToken) throw internalError();
        return { ...tokensOf(out.AuthenticationResult), refreshToken };
      }),

    refresh: (refreshToken) =>
      call('refresh', async () => {
        const out = await client.send(
          new InitiateAuthCommand({
            ClientId: clientId,
            AuthFlow: 'REFRESH_TOKEN_AUTH',
            AuthParameters: { REFRESH_TOKEN: refreshToken },
          }),
        );
        return tokensOf(out.AuthenticationResult);
      }),
  };
}
