/** Secrets read from Secrets Manager by ARN: once per container, failing with a message that names the secret. */
import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { ConfigError, onceAsync } from '../../../src/lib/config.js';
import { paginationTokens } from '../../../src/lib/pagination-secret.js';
import { readSecretString } from '../../../src/lib/secrets.js';

const ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:PaginationSecret-AbCdEf';
const secrets = mockClient(SecretsManagerClient);
const client = new SecretsManagerClient({ region: 'us-east-1' });
beforeEach(() => secrets.reset());

describe('readSecretString', () => {
  it("returns the secret's SecretString", async () => {
    secrets.on(GetSecretValueCommand, { SecretId: ARN }).resolves({ SecretString: 's3cret-value' });
    await expect(readSecretString(client, ARN)).resolves.toBe('s3cret-value');
  });

  it('names the secret and the service error when the read fails', async () => {
    secrets.on(GetSecretValueCommand).rejects(
      new ResourceNotFoundException({
        message: "Secrets Manager can't find the specified secret.",
        $metadata: {},
      }),
    );
    const failure = readSecretString(client, ARN);
    await expect(failure).rejects.toThrow(ConfigError);
    await expect(failure).rejects.toThrow(
      `Could not read the secret ${ARN} from Secrets Manager: ResourceNotFoundException: Secrets Manager can't find the specified secret.`,
    );
  });

  it('refuses a secret with no text value (a binary secret)', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretBinary: new Uint8Array([1, 2, 3]) });
    await expect(readSecretString(client, ARN)).rejects.toThrow(/has no SecretString/);
  });
});

describe('onceAsync', () => {
  it('reads once for every caller, and tries again after a failure instead of keeping it', async () => {
    let reads = 0;
    const config = onceAsync(() => {
      reads += 1;
      return reads === 1 ? Promise.reject(new Error('throttled')) : Promise.resolve(reads);
    });
    await expect(config()).rejects.toThrow('throttled');
    await expect(Promise.all([config(), config()])).resolves.toEqual([2, 2]);
    await expect(config()).resolves.toBe(2);
    expect(reads).toBe(2);
  });
});

describe('paginationTokens', () => {
  it('reads the secret the ARN names on first use, once, and signs with its value', async () => {
    secrets.on(GetSecretValueCommand, { SecretId: ARN }).resolves({ SecretString: 'x'.repeat(48) });
    const codec = paginationTokens(ARN);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(0);
    const tokens = await codec();
    const token = tokens.encode({ id: 'a' }, 'scope')!;
    expect((await codec()).decode(token, 'scope')).toEqual({ id: 'a' });
    expect(secrets.commandCalls(GetSecretValueCommand).map((c) => c.args[0].input)).toEqual([
      { SecretId: ARN },
    ]);
  });

  it('tries again on the next use after a failed read', async () => {
    secrets
      .on(GetSecretValueCommand)
      .rejectsOnce(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }))
      .resolves({ SecretString: 'x'.repeat(48) });
    const codec = paginationTokens(ARN);
    await expect(codec()).rejects.toThrow('ThrottlingException');
    await expect(codec()).resolves.toHaveProperty('encode');
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });
});
