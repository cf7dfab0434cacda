/**
 * Sign-up, confirmation and login. The rules that do not depend on the directory live here: emails
 * are case-insensitive (the pool's usernames are, so they are compared lower-cased everywhere), and a
 * weak password is refused with the policy before it reaches the directory.
 */
import type { components } from '../../api/schema.js';
import { WeakPasswordError } from './errors.js';
import type { IdentityProvider, LoginTokens, SignUpResult, Tokens } from './identity-provider.js';
import { meetsPasswordPolicy } from './password-policy.js';

type Schemas = components['schemas'];

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export class IdentityService {
  constructor(private readonly deps: { provider: IdentityProvider }) {}

  async signUp({ email, password, name }: Schemas['SignUpRequest']): Promise<SignUpResult> {
    if (!meetsPasswordPolicy(password)) throw new WeakPasswordError();
    return this.deps.provider.signUp({ email: normalizeEmail(email), password, name });
  }

  confirmSignUp({ email, code }: Schemas['ConfirmSignUpRequest']): Promise<void> {
    return this.deps.provider.confirmSignUp(normalizeEmail(email), code);
  }

  resendConfirmationCode({ email }: Schemas['ResendCodeRequest']): Promise<void> {
    return this.deps.provider.resendConfirmationCode(normalizeEmail(email));
  }

  login({ email, password }: Schemas['LoginRequest']): Promise<LoginTokens> {
    return this.deps.provider.login(normalizeEmail(email), password);
  }

  refresh({ refreshToken }: Schemas['RefreshRequest']): Promise<Tokens> {
    return this.deps.provider.refresh(refreshToken);
  }
}
