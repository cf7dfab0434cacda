/** What can go wrong with profiles, as the users service says it (src/lib/http/problems.ts answers it). */
import { domainError } from '../lib/errors.js';

/** No profile with this id that the caller may see: another user's profile is "not found" too. */
export const UserNotFoundError = domainError('UserNotFoundError', 'not-found', 'No user with this id.');

export const UserExistsError = domainError(
  'UserExistsError',
  'conflict',
  'A profile with this userId already exists.',
);

/** A non-admin creating a profile that is not their own. */
export const NotOwnProfileError = domainError(
  'NotOwnProfileError',
  'forbidden',
  'You may only create your own profile: userId must be your user id (sub).',
);

export const AdminOnlyError = domainError(
  'AdminOnlyError',
  'forbidden',
  'Only administrators may list every profile.',
);
