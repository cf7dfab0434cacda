/**
 * The Cognito emulator's state survives concurrent writes and a crash: each pool's file is always
 * whole JSON, and a restart (after SIGKILL) finds every user whose creation was acknowledged.
 */
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { startCognitoLocal } from '../../src/emulators/cognito-local.js';

const clientFor = (endpoint: string) =>
  new CognitoIdentityProviderClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'cognito-durability-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

it('keeps every one of 40 users created concurrently, in a pool file that stays whole JSON', async () => {
  const first = await startCognitoLocal(dataDir, () => undefined);
  let cognito = clientFor(first.endpoint);
  let poolId: string;
  try {
    const pool = await cognito.send(new CreateUserPoolCommand({ PoolName: 'durable' }));
    poolId = pool.UserPool!.Id!;
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        cognito.send(
          new AdminCreateUserCommand({
            UserPoolId: poolId,
            Username: `user-${i}`,
            MessageAction: 'SUPPRESS',
          }),
        ),
      ),
    );
  } finally {
    cognito.destroy();
    await first.stop();
  }
  const dbDir = join(dataDir, '.cognito', 'db');
  const files = await readdir(dbDir);
  expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
  for (const file of files.filter((f) => f.endsWith('.json'))) {
    const text = await readFile(join(dbDir, file), 'utf8');
    expect(() => JSON.parse(text) as unknown).not.toThrow();
  }

  const second = await startCognitoLocal(dataDir, () => undefined);
  cognito = clientFor(second.endpoint);
  try {
    const { Users = [] } = await cognito.send(new ListUsersCommand({ UserPoolId: poolId, Limit: 60 }));
    expect(Users.map((u) => u.Username).sort()).toEqual(
      Array.from({ length: 40 }, (_, i) => `user-${i}`).sort(),
    );
  } finally {
    cognito.destroy();
    await second.stop();
  }
}, 60000);

it('replaces a pool file whole on each save (a new file renamed over it), never rewriting it in place', async () => {
  // A kill -9 during an in-place rewrite leaves a truncated file that stops the next start; a
  // rename leaves the old file or the new one. A new inode after a save shows the file was replaced.
  const emulator = await startCognitoLocal(dataDir, () => undefined);
  const cognito = clientFor(emulator.endpoint);
  try {
    const pool = await cognito.send(new CreateUserPoolCommand({ PoolName: 'atomic' }));
    const file = join(dataDir, '.cognito', 'db', `${pool.UserPool!.Id!}.json`);
    const before = await stat(file);
    await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: pool.UserPool!.Id!,
        Username: 'one',
        MessageAction: 'SUPPRESS',
      }),
    );
    const after = await stat(file);
    expect(after.ino).not.toBe(before.ino);
    expect((JSON.parse(await readFile(file, 'utf8')) as { Users: object }).Users).toHaveProperty('one');
  } finally {
    cognito.destroy();
    await emulator.stop();
  }
}, 30000);
