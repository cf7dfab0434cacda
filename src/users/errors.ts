/** What can go wrong with profiles, as the users service says it (src/lib/http/problems.ts answers it). */
import { DomainError } from '../lib/errors.js';

/** No profile with this id that the caller may see: another user's profile is "not found" too. */
export class UserNotFoundError extends DomainError {
  override readonly name = 'UserNotFoundError';
  readonly kind = 'not-found';
  constructor() {
    super('No user with this id.');
  }
}

export class UserExistsError extends DomainError {
  override readonly name = 'UserExistsError';
  readonly kind = 'conflict';
  constructor() {
    super('A profile with this userId already exists.');
  }
}

/** A non-admin creating a profile that is not their own. */
export class NotOwnProfileError extends DomainError {
  override readonly name = 'NotOwnProfileError';
  readonly kind = 'forbidden';
  constructor() {
    super('You may only create your own profile: userId must be your user id (sub).');
  }
}

export class AdminOnlyError extends DomainError {
  override readonly name = 'AdminOnlyError';
  readonly kind = 'forbidden';
  constructor() {
    super('Only administrators may list every profile.');
  }
}
