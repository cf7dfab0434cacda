/**
 * The local Secrets Manager speaks the service's JSON 1.1 protocol to the real AWS SDK, keeps its
 * secrets across restarts, and is provisioned from AWS::SecretsManager::Secret as CloudFormation
 * would (SecretString, or GenerateSecretString through GetRandomPassword).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateSecretCommand,
  GetRandomPasswordCommand,
  GetSecretValueCommand,
  InvalidParameterException,
  ResourceExistsException,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { RunningEmulator } from '../../src/emulators/dynalite.js';
import { PUNCTUATION, SECRETS_ACCOUNT_ID, startSecretsManager } from '../../src/emulators/secrets-manager.js';
import { provisionSecret } from '../../src/provision/secrets-manager.js';
import type { ProvisionContext } from '../../src/provision/types.js';
import { ACCOUNT_ID } from '../../src/aws.js';

const REGION = 'us-east-1';
let dataDir: string;
let emulator: RunningEmulator;
let client: SecretsManagerClient;

async function start(): Promise<void> {
  emulator = await startSecretsManager({ dataDir, region: REGION });
  client = new SecretsManagerClient({
    region: REGION,
    endpoint: emulator.endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}
async function stop(): Promise<void> {
  client.destroy();
  await emulator.stop();
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'secrets-manager-'));
  await start();
});
afterAll(async () => {
  await stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the emulator, through the AWS SDK', () => {
  it('creates a secret whose ARN ends with its name and six random characters, and reads it by ARN or name', async () => {
    const created = await client.send(new CreateSecretCommand({ Name: 'app-key', SecretString: 'v1' }));
    expect(created.ARN).toMatch(
      new RegExp(`^arn:aws:secretsmanager:${REGION}:${SECRETS_ACCOUNT_ID}:secret:app-key-[A-Za-z0-9]{6}$`),
    );
    const byArn = await client.send(new GetSecretValueCommand({ SecretId: created.ARN }));
    expect(byArn).toMatchObject({
      ARN: created.ARN,
      Name: 'app-key',
      SecretString: 'v1',
      VersionId: created.VersionId,
      VersionStages: ['AWSCURRENT'],
    });
    expect(byArn.CreatedDate).toBeInstanceOf(Date);
    const byName = await client.send(new GetSecretValueCommand({ SecretId: 'app-key' }));
    expect(byName.SecretString).toBe('v1');
  });

  it("answers an unknown secret with the SDK's ResourceNotFoundException, a used name with ResourceExistsException", async () => {
    await expect(client.send(new GetSecretValueCommand({ SecretId: 'nope' }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
    await expect(
      client.send(new CreateSecretCommand({ Name: 'app-key', SecretString: 'again' })),
    ).rejects.toBeInstanceOf(ResourceExistsException);
  });

  it('generates passwords by the GetRandomPassword rules', async () => {
    const plain = await client.send(
      new GetRandomPasswordCommand({ PasswordLength: 48, ExcludePunctuation: true }),
    );
    expect(plain.RandomPassword).toMatch(/^[A-Za-z0-9]{48}$/);
    // Default length 32, every type included by default: upper, lower, digit, punctuation.
    for (let i = 0; i < 20; i++) {
      const { RandomPassword = '' } = await client.send(new GetRandomPasswordCommand({}));
      expect(RandomPassword).toHaveLength(32);
      expect(RandomPassword).toMatch(/[A-Z]/);
      expect(RandomPassword).toMatch(/[a-z]/);
      expect(RandomPassword).toMatch(/[0-9]/);
      expect([...RandomPassword].some((c) => PUNCTUATION.includes(c))).toBe(true);
    }
    const excluded = await client.send(
      new GetRandomPasswordCommand({
        PasswordLength: 200,
        ExcludeCharacters: 'abc0',
        ExcludeUppercase: true,
      }),
    );
    expect(excluded.RandomPassword).not.toMatch(/[abc0A-Z]/);
    await expect(client.send(new GetRandomPasswordCommand({ PasswordLength: 0 }))).rejects.toBeInstanceOf(
      InvalidParameterException,
    );
  });

  it('speaks AWS JSON 1.1 on the wire: X-Amz-Target picks the operation, errors carry __type', async () => {
    const post = (target: string, body: object) =>
      fetch(emulator.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
        body: JSON.stringify(body),
      });
    const ok = await post('secretsmanager.GetSecretValue', { SecretId: 'app-key' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(await ok.json()).toMatchObject({ SecretString: 'v1', CreatedDate: expect.any(Number) });
    const unknown = await post('secretsmanager.RotateSecret', { SecretId: 'app-key' });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ __type: 'UnknownOperationException' });
  });

  it('keeps its secrets across a restart', async () => {
    const before = await client.send(new GetSecretValueCommand({ SecretId: 'app-key' }));
    await stop();
    await start();
    const after = await client.send(new GetSecretValueCommand({ SecretId: 'app-key' }));
    expect([after.ARN, after.SecretString, after.VersionId]).toEqual([
      before.ARN,
      before.SecretString,
      before.VersionId,
    ]);
  });

  it("builds ARNs in the runner's account", () => {
    expect(SECRETS_ACCOUNT_ID).toBe(ACCOUNT_ID);
  });
});

describe('provisioning AWS::SecretsManager::Secret', () => {
  const ctx = (): ProvisionContext => ({
    stackName: 'app',
    region: REGION,
    accountId: ACCOUNT_ID,
    clients: { secretsmanager: client },
    intrinsics: { parameters: {}, resources: {} },
    warn: () => undefined,
  });
  const value = async (arn: string) =>
    (await client.send(new GetSecretValueCommand({ SecretId: arn }))).SecretString;

  it('generates a GenerateSecretString value once, with its options, and keeps it on the next start', async () => {
    const props = { GenerateSecretString: { PasswordLength: 48, ExcludePunctuation: true } };
    const first = await provisionSecret('PaginationSecret', props, ctx());
    expect(first.ref).toMatch(/:secret:app-PaginationSecret-[A-Za-z0-9]{6}$/);
    expect(first.attributes.Id).toBe(first.ref);
    const generated = await value(first.ref);
    expect(generated).toMatch(/^[A-Za-z0-9]{48}$/);
    expect(first.summary).not.toContain(generated);
    const again = await provisionSecret('PaginationSecret', props, ctx());
    expect(again.ref).toBe(first.ref);
    expect(await value(again.ref)).toBe(generated);
    expect(again.summary).toContain('kept from the data folder');
  });

  it('puts a generated password under GenerateStringKey of SecretStringTemplate', async () => {
    const made = await provisionSecret(
      'DbSecret',
      {
        GenerateSecretString: {
          SecretStringTemplate: '{"username":"app"}',
          GenerateStringKey: 'password',
          PasswordLength: 20,
        },
      },
      ctx(),
    );
    const parsed = JSON.parse((await value(made.ref)) ?? '{}') as Record<string, string>;
    expect(parsed.username).toBe('app');
    expect(parsed.password).toHaveLength(20);
  });

  it('writes a changed template SecretString as the new value, as a stack update would', async () => {
    const first = await provisionSecret('ApiKey', { SecretString: 'one' }, ctx());
    expect(await value(first.ref)).toBe('one');
    const second = await provisionSecret('ApiKey', { SecretString: 'two' }, ctx());
    expect(second.ref).toBe(first.ref);
    expect(await value(second.ref)).toBe('two');
  });

  it('refuses a secret with neither SecretString nor GenerateSecretString', async () => {
    await expect(provisionSecret('Empty', { Description: 'x' }, ctx())).rejects.toThrow(
      'neither SecretString nor GenerateSecretString',
    );
  });
});
