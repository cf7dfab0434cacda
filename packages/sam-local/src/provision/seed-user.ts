/**
 * A confirmed user in every group of the pool, so admin routes work at once. Its password is
 * generated once and kept in the data dir (the same password after a restart with the same --data).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { errorName } from './types.js';

export interface SeededUser {
  email: string;
  password: string;
  groups: string[];
}

async function storedPassword(file: string, email: string): Promise<string> {
  try {
    const saved = JSON.parse(await readFile(file, 'utf8')) as { email?: string; password?: string };
    if (saved.email === email && saved.password) return saved.password;
  } catch {
    // first start with this data dir
  }
  // Upper, lower and digits: passes any Cognito password policy up to RequireSymbols (the '-' covers that).
  const password = `Local-${randomBytes(9).toString('base64url')}-7a`;
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify({ email, password }));
  return password;
}

export async function seedUser(
  client: CognitoIdentityProviderClient,
  options: { poolId: string; email: string; groups: string[]; stateFile: string; extraAttributes?: string[] },
): Promise<SeededUser> {
  const { poolId, email, groups } = options;
  const password = await storedPassword(options.stateFile, email);
  const attributes = [
    { Name: 'email', Value: email },
    { Name: 'email_verified', Value: 'true' },
    ...(options.extraAttributes ?? []).map((name) => ({ Name: name, Value: 'Local Admin' })),
  ];
  try {
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: email,
        TemporaryPassword: password,
        MessageAction: 'SUPPRESS',
        UserAttributes: attributes,
      }),
    );
  } catch (e) {
    if (errorName(e) !== 'UsernameExistsException') throw e;
  }
  await client.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: poolId,
      Username: email,
      Password: password,
      Permanent: true,
    }),
  );
  for (const group of groups) {
    await client.send(
      new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: email, GroupName: group }),
    );
  }
  return { email, password, groups };
}
