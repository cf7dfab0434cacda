/**
 * The Cognito emulator refuses a disabled user as Cognito does: "A deactivated user can't sign in"
 * (AdminDisableUser, Amazon Cognito API reference), by password or by refresh token.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { startCognitoLocal } from '../../src/emulators/cognito-local.js';

it('refuses sign-in and refresh to a disabled user, and allows them again once enabled', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'cognito-disabled-'));
  const emulator = await startCognitoLocal(dataDir, () => undefined);
  const cognito = new CognitoIdentityProviderClient({
    region: 'us-east-1',
    endpoint: emulator.endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    const UserPoolId = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'p' }))).UserPool!.Id!;
    const ClientId = (
      await cognito.send(
        new CreateUserPoolClientCommand({
          UserPoolId,
          ClientName: 'c',
          ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        }),
      )
    ).UserPoolClient!.ClientId!;
    const Username = 'ann';
    const PASSWORD = 'Passw0rd-long';
    await cognito.send(new AdminCreateUserCommand({ UserPoolId, Username, MessageAction: 'SUPPRESS' }));
    await cognito.send(
      new AdminSetUserPasswordCommand({ UserPoolId, Username, Password: PASSWORD, Permanent: true }),
    );
    const login = () =>
      cognito.send(
        new InitiateAuthCommand({
          ClientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: Username, PASSWORD },
        }),
      );
    const refreshToken = (await login()).AuthenticationResult!.RefreshToken!;
    const refresh = () =>
      cognito.send(
        new InitiateAuthCommand({
          ClientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: refreshToken },
        }),
      );

    await cognito.send(new AdminDisableUserCommand({ UserPoolId, Username }));
    await expect(login()).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'User is disabled.',
    });
    await expect(refresh()).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'User is disabled.',
    });

    await cognito.send(new AdminEnableUserCommand({ UserPoolId, Username }));
    expect((await login()).AuthenticationResult?.IdToken).toEqual(expect.any(String));
    expect((await refresh()).AuthenticationResult?.IdToken).toEqual(expect.any(String));
  } finally {
    cognito.destroy();
    await emulator.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}, 30000);
