/**
 * Secrets Manager: the few operations a SAM app and its provisioning need, over the service's own
 * wire protocol (AWS JSON 1.1: `POST /`, `X-Amz-Target: secretsmanager.<Operation>`, errors as
 * `{"__type": ..., "message": ...}` with HTTP 400), so the functions' unchanged AWS SDK calls reach
 * it through AWS_ENDPOINT_URL_SECRETS_MANAGER.
 *
 * Written by hand: no maintained npm package emulates Secrets Manager (moto does, in Python, and is
 * supported as an AWS_ENDPOINT_URL backend). It answers:
 * - GetSecretValue (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html):
 *   by ARN or name, the AWSCURRENT version; ResourceNotFoundException otherwise.
 * - CreateSecret (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html): ResourceExistsException for a name in use. The ARN
 *   ends with the name, a dash and six random characters, as Secrets Manager builds it
 *   (https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_iam-permissions.html).
 * - PutSecretValue (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutSecretValue.html): a new AWSCURRENT version.
 * - GetRandomPassword (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetRandomPassword.html): its length, exclusion and
 *   RequireEachIncludedType rules, from node:crypto.
 * Anything else is UnknownOperationException. No IAM, KMS, rotation, versions other than
 * AWSCURRENT, or binary secrets. Secrets are written to `<dataDir>/secrets.json` before a change
 * is acknowledged, so they survive a restart (a generated value stays the same).
 */
import { randomInt, randomUUID } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { RunningEmulator } from './dynalite.js';

interface StoredSecret {
  name: string;
  arn: string;
  description?: string;
  versionId: string;
  secretString: string;
  /** Seconds since the epoch: JSON 1.1 timestamps are epoch seconds. */
  createdDate: number;
}

class ServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/** The account in the ARNs the runner builds (aws.ts ACCOUNT_ID; a test ties the two). */
export const SECRETS_ACCOUNT_ID = '123456789012';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

/** GetRandomPassword's rules (PasswordLength 1-4096, default 32; every included type, by default). */
export function randomPassword(input: Record<string, unknown>): string {
  const length = input.PasswordLength === undefined ? 32 : Number(input.PasswordLength);
  if (!Number.isInteger(length) || length < 1 || length > 4096)
    throw new ServiceError('InvalidParameterException', 'PasswordLength must be an integer from 1 to 4096.');
  const excluded = new Set(typeof input.ExcludeCharacters === 'string' ? input.ExcludeCharacters : '');
  const types = [
    input.ExcludeUppercase === true ? '' : 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
    input.ExcludeLowercase === true ? '' : 'abcdefghijklmnopqrstuvwxyz',
    input.ExcludeNumbers === true ? '' : '0123456789',
    input.ExcludePunctuation === true ? '' : PUNCTUATION,
    input.IncludeSpace === true ? ' ' : '',
  ]
    .map((chars) => [...chars].filter((c) => !excluded.has(c)).join(''))
    .filter((chars) => chars.length > 0);
  if (types.length === 0)
    throw new ServiceError('InvalidParameterException', 'The password cannot exclude every character type.');
  const requireEach = input.RequireEachIncludedType !== false;
  if (requireEach && types.length > length)
    throw new ServiceError('InvalidParameterException', 'PasswordLength is too short to include every type.');
  const all = types.join('');
  for (;;) {
    const password = Array.from({ length }, () => all[randomInt(all.length)]).join('');
    if (!requireEach || types.every((chars) => [...password].some((c) => chars.includes(c)))) return password;
  }
}

function arnSuffix(): string {
  return Array.from({ length: 6 }, () => ALPHANUMERIC[randomInt(ALPHANUMERIC.length)]).join('');
}

export async function startSecretsManager(options: {
  dataDir: string;
  region: string;
  /** 0 (default): any free port. */
  port?: number;
}): Promise<RunningEmulator & { port: number }> {
  await mkdir(options.dataDir, { recursive: true });
  const file = join(options.dataDir, 'secrets.json');
  const secrets: StoredSecret[] = existsSync(file)
    ? ((JSON.parse(readFileSync(file, 'utf8')) as { secrets: StoredSecret[] }).secrets ?? [])
    : [];
  const save = async () => {
    const tmp = `${file}.${randomUUID()}.tmp`; // concurrent saves must not share a temporary file
    await writeFile(tmp, JSON.stringify({ secrets }, null, 2));
    await rename(tmp, file);
  };
  const find = (id: unknown): StoredSecret => {
    const secret = secrets.find((s) => s.arn === id || s.name === id);
    if (!secret)
      throw new ServiceError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
    return secret;
  };
  const requireString = (input: Record<string, unknown>, field: string): string => {
    const value = input[field];
    if (typeof value !== 'string' || value === '')
      throw new ServiceError('InvalidParameterException', `${field} must be a non-empty string.`);
    return value;
  };

  const operations: Record<string, (input: Record<string, unknown>) => Promise<object> | object> = {
    GetSecretValue(input) {
      const secret = find(requireString(input, 'SecretId'));
      if (input.VersionId !== undefined && input.VersionId !== secret.versionId)
        throw new ServiceError(
          'ResourceNotFoundException',
          "Secrets Manager can't find the specified secret value for VersionId.",
        );
      if (input.VersionStage !== undefined && input.VersionStage !== 'AWSCURRENT')
        throw new ServiceError(
          'ResourceNotFoundException',
          "Secrets Manager can't find the specified secret value for staging label.",
        );
      return {
        ARN: secret.arn,
        Name: secret.name,
        VersionId: secret.versionId,
        SecretString: secret.secretString,
        VersionStages: ['AWSCURRENT'],
        CreatedDate: secret.createdDate,
      };
    },
    async CreateSecret(input) {
      const name = requireString(input, 'Name');
      if (secrets.some((s) => s.name === name))
        throw new ServiceError(
          'ResourceExistsException',
          `The operation failed because the secret ${name} already exists.`,
        );
      const secret: StoredSecret = {
        name,
        arn: `arn:aws:secretsmanager:${options.region}:${SECRETS_ACCOUNT_ID}:secret:${name}-${arnSuffix()}`,
        ...(typeof input.Description === 'string' ? { description: input.Description } : {}),
        versionId: typeof input.ClientRequestToken === 'string' ? input.ClientRequestToken : randomUUID(),
        secretString: requireString(input, 'SecretString'),
        createdDate: Math.floor(Date.now() / 1000),
      };
      secrets.push(secret);
      await save();
      return { ARN: secret.arn, Name: secret.name, VersionId: secret.versionId };
    },
    async PutSecretValue(input) {
      const secret = find(requireString(input, 'SecretId'));
      secret.secretString = requireString(input, 'SecretString');
      secret.versionId =
        typeof input.ClientRequestToken === 'string' ? input.ClientRequestToken : randomUUID();
      secret.createdDate = Math.floor(Date.now() / 1000);
      await save();
      return {
        ARN: secret.arn,
        Name: secret.name,
        VersionId: secret.versionId,
        VersionStages: ['AWSCURRENT'],
      };
    },
    GetRandomPassword(input) {
      return { RandomPassword: randomPassword(input) };
    },
  };

  const answer = (res: ServerResponse, status: number, body: object) => {
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
    res.end(JSON.stringify(body));
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    try {
      const target = String(req.headers['x-amz-target'] ?? '');
      const operation = target.startsWith('secretsmanager.')
        ? operations[target.slice('secretsmanager.'.length)]
        : undefined;
      if (req.method !== 'POST' || !operation)
        throw new ServiceError(
          'UnknownOperationException',
          `Unknown operation ${target || '(no X-Amz-Target)'}`,
        );
      let input: unknown;
      try {
        input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      } catch {
        throw new ServiceError('SerializationException', 'The request body is not JSON.');
      }
      if (typeof input !== 'object' || input === null || Array.isArray(input))
        throw new ServiceError('SerializationException', 'The request body is not a JSON object.');
      answer(res, 200, await operation(input as Record<string, unknown>));
    } catch (e) {
      if (e instanceof ServiceError) answer(res, 400, { __type: e.type, message: e.message });
      else answer(res, 500, { __type: 'InternalServiceError', message: (e as Error).message });
    }
  };

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
