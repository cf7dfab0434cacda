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
import type { Clock } from '../lib/clock.js';
import { identityErrorOf, isSilentResendOutcome, type IdentityOperation } from './cognito-errors.js';
import { ChallengeRequiredError } from './errors.js';
import type {
  IdentityProvider,
  LoginTokens,
  SignUpInput,
  SignUpResult,
  Tokens,
} from './identity-provider.js';

/**
 * Seconds until the tokens expire. Cognito sends ExpiresIn; cognito-local does not, so it is then
 * read from the ID token's `exp` (only that number: the token itself is not trusted or used here).
 */
export function expiresInOf(result: AuthenticationResultType, now: Date): number {
  if (typeof result.ExpiresIn === 'number') return result.ExpiresIn;
  const exp = decomposeUnverifiedJwt(result.IdToken ?? '').payload.exp;
  if (typeof exp !== 'number') throw new Error('The ID token has no exp claim');
  return Math.max(0, Math.floor(exp - now.getTime() / 1000));
}

export class CognitoIdentityProvider implements IdentityProvider {
  constructor(
    private readonly client: CognitoIdentityProviderClient,
    private readonly clientId: string,
    private readonly clock: Clock,
  ) {}

  signUp({ email, password, name }: SignUpInput): Promise<SignUpResult> {
    return this.call('signUp', async () => {
      const out = await this.client.send(
        new SignUpCommand({
          ClientId: this.clientId,
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
    });
  }

  confirmSignUp(email: string, code: string): Promise<void> {
    return this.call('confirmSignUp', async () => {
      await this.client.send(
        new ConfirmSignUpCommand({ ClientId: this.clientId, Username: email, ConfirmationCode: code }),
      );
    });
  }

  resendConfirmationCode(email: string): Promise<void> {
    return this.call('resendConfirmationCode', async () => {
      try {
        await this.client.send(
          new ResendConfirmationCodeCommand({ ClientId: this.clientId, Username: email }),
        );
      } catch (error) {
        if (!isSilentResendOutcome(error)) throw error;
      }
    });
  }

  login(email: string, password: string): Promise<LoginTokens> {
    return this.call('login', async () => {
      const out = await this.client.send(
        new InitiateAuthCommand({
          ClientId: this.clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: email, PASSWORD: password },
        }),
      );
      if (out.ChallengeName) throw new ChallengeRequiredError(out.ChallengeName);
      const refreshToken = out.AuthenticationResult?.RefreshToken;
      if (!refreshToken) throw new Error('Cognito returned no refresh token');
      return { ...this.tokensOf(out.AuthenticationResult), refreshToken };
    });
  }

  refresh(refreshToken: string): Promise<Tokens> {
    return this.call('refresh', async () => {
      const out = await this.client.send(
        new InitiateAuthCommand({
          ClientId: this.clientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: refreshToken },
        }),
      );
      return this.tokensOf(out.AuthenticationResult);
    });
  }

  private tokensOf(result: AuthenticationResultType | undefined): Tokens {
    if (!result?.IdToken || !result.AccessToken) throw new Error('Cognito returned no tokens');
    return {
      idToken: result.IdToken,
      accessToken: result.AccessToken,
      expiresIn: expiresInOf(result, this.clock()),
      tokenType: 'Bearer',
    };
  }

  /** Runs a Cognito call, turning the errors Cognito answers for a caller's mistake into identity errors. */
  private async call<T>(operation: IdentityOperation, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw identityErrorOf(operation, error);
    }
  }
}
