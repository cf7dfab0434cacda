/**
 * What can go wrong with sign-up and login, as the identity service says it. None of these may
 * tell a caller whether an account exists: a wrong password and an unknown user are the same
 * LoginFailedError, and every confirmation problem the same CodeRefusedError, word for word.
 * (./cognito-errors.ts decides which Cognito error is which.)
 */
import { DomainError, domainError } from '../lib/errors.js';
import { PASSWORD_POLICY_TEXT } from './password-policy.js';

export const LoginFailedError = domainError(
  'LoginFailedError',
  'unauthenticated',
  'Incorrect email or password.',
);

export const RefreshFailedError = domainError(
  'RefreshFailedError',
  'unauthenticated',
  'The refresh token is invalid, expired or revoked.',
);

export const CODE_REFUSED =
  'The confirmation code is wrong or has expired, or the account cannot be confirmed.';

export const CodeRefusedError = domainError('CodeRefusedError', 'invalid', CODE_REFUSED, [
  { pointer: '/code', message: CODE_REFUSED },
]);

export const AccountExistsError = domainError(
  'AccountExistsError',
  'conflict',
  'An account with this email already exists.',
);

export const NotConfirmedError = domainError(
  'NotConfirmedError',
  'forbidden',
  'This account is not confirmed yet: confirm it with the emailed code.',
);

/** Only reached with the right password: naming the challenge reveals nothing new. */
export class ChallengeRequiredError extends DomainError {
  override readonly name = 'ChallengeRequiredError';
  readonly kind = 'forbidden';
  constructor(challenge: string) {
    super(`This account must complete a ${challenge} challenge, which this API does not offer.`);
  }
}

export const TooManyAttemptsError = domainError(
  'TooManyAttemptsError',
  'throttled',
  'Too many attempts; wait a little and try again.',
);

export const WeakPasswordError = domainError(
  'WeakPasswordError',
  'invalid',
  `The password does not meet the password policy. ${PASSWORD_POLICY_TEXT}`,
  [{ pointer: '/password', message: PASSWORD_POLICY_TEXT }],
);

/** The directory refused a value the contract allowed; its own message is never passed on. */
export const ValuesRefusedError = domainError(
  'ValuesRefusedError',
  'invalid',
  'The identity provider refused these values.',
);
