/**
 * What can go wrong with sign-up and login, as the identity service says it. None of these may
 * tell a caller whether an account exists: a wrong password and an unknown user are the same
 * LoginFailedError, and every confirmation problem the same CodeRefusedError, word for word.
 * (./cognito-errors.ts decides which Cognito error is which.)
 */
import { DomainError } from '../lib/errors.js';
import { PASSWORD_POLICY_TEXT } from './password-policy.js';

export class LoginFailedError extends DomainError {
  override readonly name = 'LoginFailedError';
  readonly kind = 'unauthenticated';
  constructor() {
    super('Incorrect email or password.');
  }
}

export class RefreshFailedError extends DomainError {
  override readonly name = 'RefreshFailedError';
  readonly kind = 'unauthenticated';
  constructor() {
    super('The refresh token is invalid, expired or revoked.');
  }
}

export const CODE_REFUSED =
  'The confirmation code is wrong or has expired, or the account cannot be confirmed.';

export class CodeRefusedError extends DomainError {
  override readonly name = 'CodeRefusedError';
  readonly kind = 'invalid';
  constructor() {
    super(CODE_REFUSED, [{ pointer: '/code', message: CODE_REFUSED }]);
  }
}

export class AccountExistsError extends DomainError {
  override readonly name = 'AccountExistsError';
  readonly kind = 'conflict';
  constructor() {
    super('An account with this email already exists.');
  }
}

export class NotConfirmedError extends DomainError {
  override readonly name = 'NotConfirmedError';
  readonly kind = 'forbidden';
  constructor() {
    super('This account is not confirmed yet: confirm it with the emailed code.');
  }
}

/** Only reached with the right password: naming the challenge reveals nothing new. */
export class ChallengeRequiredError extends DomainError {
  override readonly name = 'ChallengeRequiredError';
  readonly kind = 'forbidden';
  constructor(challenge: string) {
    super(`This account must complete a ${challenge} challenge, which this API does not offer.`);
  }
}

export class TooManyAttemptsError extends DomainError {
  override readonly name = 'TooManyAttemptsError';
  readonly kind = 'throttled';
  constructor() {
    super('Too many attempts; wait a little and try again.');
  }
}

export class WeakPasswordError extends DomainError {
  override readonly name = 'WeakPasswordError';
  readonly kind = 'invalid';
  constructor() {
    super(`The password does not meet the password policy. ${PASSWORD_POLICY_TEXT}`, [
      { pointer: '/password', message: PASSWORD_POLICY_TEXT },
    ]);
  }
}

/** The directory refused a value the contract allowed; its own message is never passed on. */
export class ValuesRefusedError extends DomainError {
  override readonly name = 'ValuesRefusedError';
  readonly kind = 'invalid';
  constructor() {
    super('The identity provider refused these values.');
  }
}
