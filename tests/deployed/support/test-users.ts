/**
 * The suite's own users, made and removed with the Cognito admin API of the stack's user pool (the
 * same calls on AWS and on the local stack's emulator): created confirmed, with no email sent
 * (AdminCreateUser with MessageAction SUPPRESS, then AdminSetUserPassword Permanent), admins added
 * to the admin group, and every address the run used deleted again, with its profile, whether the
 * tests passed or not. Addresses are unique per run under example.test, a domain reserved by
 * RFC 2606, so no real person is ever written to. tests/delivery/pipeline.test.ts grants the
 * pipeline's test role exactly the commands this file sends.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  AdminAddUserToGroupCommand,
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { apiAs, logIn, type TestUser } from '../../support/users.js';
import type { StackUnderTest } from './target.js';

/** The Cognito group of administrators (template.yaml's AdminGroup; tests/delivery ties the two). */
export const ADMIN_GROUP = 'admin';

/** A password any pool policy up to "symbols required" accepts. */
export const newPassword = () => `Aa1-${randomBytes(12).toString('hex')}`;

export class TestUsers {
  private readonly cognito: CognitoIdentityProviderClient;
  /** Every address this run used, with the user once logged in (to delete its profile too). */
  private readonly used = new Map<string, TestUser | undefined>();

  constructor(private readonly stack: StackUnderTest) {
    this.cognito = new CognitoIdentityProviderClient(stack.cognito);
  }

  /** A new address for this run, deleted from the pool afterwards whatever happens to it. */
  newEmail(label = 'user'): string {
    const email = `it-${label}-${randomUUID()}@example.test`;
    this.used.set(email, undefined);
    return email;
  }

  /** A confirmed user (in the admin group if `admin`), logged in through the API. */
  async create(options: { admin?: boolean; label?: string } = {}): Promise<TestUser> {
    const email = this.newEmail(options.label ?? (options.admin ? 'admin' : 'user'));
    const password = newPassword();
    const UserPoolId = this.stack.userPoolId;
    await this.cognito.send(
      new AdminCreateUserCommand({
        UserPoolId,
        Username: email,
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: 'true' },
        ],
      }),
    );
    await this.cognito.send(
      new AdminSetUserPasswordCommand({ UserPoolId, Username: email, Password: password, Permanent: true }),
    );
    if (options.admin)
      await this.cognito.send(
        new AdminAddUserToGroupCommand({ UserPoolId, Username: email, GroupName: ADMIN_GROUP }),
      );
    const user = await logIn(this.stack, email, password);
    this.used.set(email, user);
    return user;
  }

  /** Confirms a sign-up without its code: a deployed pool emails the code, which a test cannot read. */
  async confirm(email: string): Promise<void> {
    await this.cognito.send(
      new AdminConfirmSignUpCommand({ UserPoolId: this.stack.userPoolId, Username: email }),
    );
  }

  /** Deletes every user of this run (and the profiles of those it logged in); reports what it could not. */
  async deleteAll(): Promise<void> {
    const failures: string[] = [];
    await Promise.all(
      [...this.used].map(async ([email, user]) => {
        if (user) {
          const { response } = await apiAs(this.stack, user).DELETE('/users/{userId}', {
            params: { path: { userId: user.sub } },
          });
          if (![204, 404].includes(response.status))
            failures.push(`profile of ${email}: DELETE answered ${response.status}`);
        }
        try {
          await this.cognito.send(
            new AdminDeleteUserCommand({ UserPoolId: this.stack.userPoolId, Username: email }),
          );
        } catch (e) {
          // A refused sign-up never created its address.
          if ((e as Error).name !== 'UserNotFoundException')
            failures.push(`${email}: ${(e as Error).message}`);
        }
      }),
    );
    this.used.clear();
    this.cognito.destroy();
    if (failures.length > 0) throw new Error(`test users not cleaned up:\n${failures.join('\n')}`);
  }
}
