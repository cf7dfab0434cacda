/**
 * Who is calling: the identity the Lambda authorizer verified (src/lib/http/identity.ts reads it
 * from the request). Services take it as a plain value and decide what the caller may do.
 */
export interface Caller {
  sub: string;
  email: string;
  groups: string[];
  isAdmin: boolean;
}

/** The Cognito group whose members are administrators (template.yaml AdminGroup). */
export const ADMIN_GROUP = 'admin';

/** Group names are compared exactly as Cognito issued them: " admin" or "Admin" is another group. */
export function callerWith(sub: string, email: string, groups: string[]): Caller {
  return { sub, email, groups, isAdmin: groups.includes(ADMIN_GROUP) };
}
