/**
 * AWS::SecretsManager::Secret -> CreateSecret, as CloudFormation creates it: `SecretString` as
 * given, or `GenerateSecretString` made with GetRandomPassword (its options passed through;
 * `SecretStringTemplate` + `GenerateStringKey` put the password under that key of the JSON
 * template). `Ref` and `Fn::GetAtt Id` are the secret's ARN.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-secretsmanager-secret.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-secretsmanager-secret-generatesecretstring.html
 *
 * A secret that already exists (kept in the data folder) is reused: a generated value is made
 * once and stays the same across restarts, as a deployed one does across updates; a template
 * `SecretString` that changed is written as a new version, as a stack update would.
 */
import {
  CreateSecretCommand,
  GetRandomPasswordCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  type GetSecretValueCommandOutput,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { resolveIntrinsics } from '../sam/intrinsics.js';
import { text, type JsonObject } from '../sam/template.js';
import { physicalName } from './names.js';
import { errorName, type Provisioner } from './types.js';

const GENERATE_OPTIONS = [
  'ExcludeCharacters',
  'ExcludeLowercase',
  'ExcludeNumbers',
  'ExcludePunctuation',
  'ExcludeUppercase',
  'IncludeSpace',
  'PasswordLength',
  'RequireEachIncludedType',
] as const;

async function existing(client: SecretsManagerClient, name: string) {
  try {
    return await client.send(new GetSecretValueCommand({ SecretId: name }));
  } catch (e) {
    if (errorName(e) === 'ResourceNotFoundException') return undefined;
    throw e;
  }
}

async function generated(client: SecretsManagerClient, spec: JsonObject): Promise<string> {
  const options = Object.fromEntries(
    GENERATE_OPTIONS.filter((k) => spec[k] !== undefined).map((k) => [
      k,
      k === 'PasswordLength'
        ? Number(spec[k])
        : k === 'ExcludeCharacters'
          ? text(spec[k])
          : spec[k] === true || spec[k] === 'true',
    ]),
  );
  const { RandomPassword } = await client.send(new GetRandomPasswordCommand(options));
  if (!RandomPassword) throw new Error('GetRandomPassword returned no password');
  const template = spec.SecretStringTemplate;
  const key = spec.GenerateStringKey;
  if (typeof template !== 'string' && typeof key !== 'string') return RandomPassword;
  if (typeof template !== 'string' || typeof key !== 'string')
    throw new Error('GenerateSecretString: SecretStringTemplate and GenerateStringKey go together');
  return JSON.stringify({ ...(JSON.parse(template) as JsonObject), [key]: RandomPassword });
}

export const provisionSecret: Provisioner = async (logicalId, rawProps, ctx) => {
  const client = ctx.clients.secretsmanager;
  if (!client) throw new Error('no Secrets Manager endpoint');
  const props = resolveIntrinsics(rawProps, ctx.intrinsics) as JsonObject;
  const name = typeof props.Name === 'string' ? props.Name : physicalName(ctx.stackName, logicalId, 256);
  const given = typeof props.SecretString === 'string' ? props.SecretString : undefined;
  const spec = props.GenerateSecretString;
  if (given === undefined && (typeof spec !== 'object' || spec === null || Array.isArray(spec)))
    throw new Error('neither SecretString nor GenerateSecretString');

  let found: GetSecretValueCommandOutput | undefined = await existing(client, name);
  let how = 'kept from the data folder';
  if (!found) {
    const value = given ?? (await generated(client, spec as JsonObject));
    try {
      await client.send(
        new CreateSecretCommand({
          Name: name,
          SecretString: value,
          ...(typeof props.Description === 'string' ? { Description: props.Description } : {}),
        }),
      );
    } catch (e) {
      if (errorName(e) !== 'ResourceExistsException') throw e;
    }
    found = await existing(client, name);
    how = given === undefined ? 'generated' : 'from the template';
  } else if (given !== undefined && found.SecretString !== given) {
    await client.send(new PutSecretValueCommand({ SecretId: name, SecretString: given }));
    how = 'updated from the template';
  }
  const arn = found?.ARN;
  if (!arn) throw new Error(`secret ${name} has no ARN after CreateSecret`);
  const ignored = ['KmsKeyId', 'ReplicaRegions'].filter((p) => p in props);
  return {
    logicalId,
    type: 'AWS::SecretsManager::Secret',
    ref: arn,
    attributes: { Id: arn },
    summary: `${arn} (value ${how}${ignored.length > 0 ? `; not applied locally: ${ignored.join(', ')}` : ''})`,
  };
};
