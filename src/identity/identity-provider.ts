/** The port the identity service needs from a user directory (Cognito user pools in practice). */

export interface SignUpInput {
  email: string;
  password: string;
  name: string;
}

export interface SignUpResult {
  userSub: string;
  userConfirmed: boolean;
}

export interface Tokens {
  idToken: string;
  accessToken: string;
  /** Seconds until the ID and access tokens expire. */
  expiresIn: number;
  tokenType: 'Bearer';
}

export interface LoginTokens extends Tokens {
  refreshToken: string;
}

/**
 * Every method throws an identity error (./errors.ts) when the directory refuses, so callers never
 * see a provider's own error names.
 */
export interface IdentityProvider {
  signUp(input: SignUpInput): Promise<SignUpResult>;
  confirmSignUp(email: string, code: string): Promise<void>;
  resendConfirmationCode(email: string): Promise<void>;
  login(email: string, password: string): Promise<LoginTokens>;
  refresh(refreshToken: string): Promise<Tokens>;
}
