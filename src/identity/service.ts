/**
 * Sign-up, confirmation and login. The rules that do not depend on the directory live here: emails
 * are case-insensitive (the pool's usernames are, so they are compared lower-cased everywhere), and a
 * weak password is refused with the policy before it reaches the directory.
 */
import type { components } from '../../api/schema.js';
import { weakPassword } from './errors.js';
import type { IdentityProvider, LoginTokens, SignUpResult, Tokens } from './identity-provider.js';
import { meetsPasswordPolicy } from './password-policy.js';

type Schemas = components['schemas'];

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export interface IdentityService {
  signUp(request: Schemas['SignUpRequest']): Promise<SignUpResult>;
  confirmSignUp(request: Schemas['ConfirmSignUpRequest']): Promise<void>;
  resendConfirmationCode(request: Schemas['ResendCodeRequest']): Promise<void>;
  login(request: Schemas['LoginRequest']): Promise<LoginTokens>;
  refresh(request: Schemas['RefreshRequest']): Promise<Tokens>;
}

export function identityService(provider: IdentityProvider): IdentityService {
  return {
    signUp({ email, password, name }) {
      if (!meetsPasswordPolicy(password)) return Promise.reject(weakPassword());
      return provider.signUp({ email: normalizeEmail(email), password, name });
    },
    confirmSignUp: ({ email, code }) => provider.confirmSignUp(normalizeEmail(email), code),
    resendConfirmationCode: ({ email }) => provider.resendConfirmationCode(normalizeEmail(email)),
    login: ({ email, password }) => provider.login(normalizeEmail(email), password),
    refresh: ({ refreshToken }) => provider.refresh(refreshToken),
  };
}
