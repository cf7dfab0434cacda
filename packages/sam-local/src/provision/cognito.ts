/**
 * Cognito: AWS::Cognito::UserPool -> CreateUserPool, ::UserPoolClient -> CreateUserPoolClient,
 * ::UserPoolGroup -> CreateGroup. Pools and clients are found again by name, so their ids stay
 * the same across restarts with the same --data (cognito-local keeps them on disk).
 */
import {
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  type CreateUserPoolClientCommandInput,
  type CreateUserPoolCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { resolveIntrinsics } from '../sam/intrinsics.js';
import { text, type JsonObject } from '../sam/template.js';
import { physicalName } from './names.js';
import { errorName, type Provisioner } from './types.js';

const POOL_PROPERTIES = [
  'Policies',
  'UsernameAttributes',
  'AliasAttributes',
  'AutoVerifiedAttributes',
  'Schema',
  'UsernameConfiguration',
  'AccountRecoverySetting',
  'AdminCreateUserConfig',
  'MfaConfiguration',
  'UserAttributeUpdateSettings',
  'VerificationMessageTemplate',
  'EmailConfiguration',
];
const CLIENT_PROPERTIES = [
  'ExplicitAuthFlows',
  'GenerateSecret',
  'PreventUserExistenceErrors',
  'EnableTokenRevocation',
  'AccessTokenValidity',
  'IdTokenValidity',
  'RefreshTokenValidity',
  'TokenValidityUnits',
  'ReadAttributes',
  'WriteAttributes',
  'AllowedOAuthFlows',
  'AllowedOAuthScopes',
  'AllowedOAuthFlowsUserPoolClient',
  'CallbackURLs',
  'LogoutURLs',
  'SupportedIdentityProviders',
];

const pick = (props: JsonObject, keys: string[]) =>
  Object.fromEntries(keys.filter((k) => props[k] !== undefined).map((k) => [k, props[k]]));

export const provisionUserPool: Provisioner = async (logicalId, rawProps, ctx) => {
  const client = ctx.clients.cognito;
  if (!client) throw new Error('no Cognito endpoint');
  const props = resolveIntrinsics(rawProps, ctx.intrinsics) as JsonObject;
  const name =
    typeof props.UserPoolName === 'string' ? props.UserPoolName : physicalName(ctx.stackName, logicalId);
  let id: string | undefined;
  let token: string | undefined;
  do {
    const page = await client.send(new ListUserPoolsCommand({ MaxResults: 60, NextToken: token }));
    id = page.UserPools?.find((p) => p.Name === name)?.Id;
    token = page.NextToken;
  } while (!id && token);
  if (!id) {
    const input = {
      PoolName: name,
      ...pick(props, POOL_PROPERTIES),
    } as unknown as CreateUserPoolCommandInput;
    id = (await client.send(new CreateUserPoolCommand(input))).UserPool?.Id;
  }
  if (!id) throw new Error(`CreateUserPool ${name} returned no id`);
  const arn = `arn:aws:cognito-idp:${ctx.region}:${ctx.accountId}:userpool/${id}`;
  return {
    logicalId,
    type: 'AWS::Cognito::UserPool',
    ref: id,
    attributes: {
      Arn: arn,
      UserPoolId: id,
      ProviderName: `cognito-idp.${ctx.region}.amazonaws.com/${id}`,
      ProviderURL: `https://cognito-idp.${ctx.region}.amazonaws.com/${id}`,
    },
    summary: `${id} (${name})`,
  };
};

export const provisionUserPoolClient: Provisioner = async (logicalId, rawProps, ctx) => {
  const client = ctx.clients.cognito;
  if (!client) throw new Error('no Cognito endpoint');
  const props = resolveIntrinsics(rawProps, ctx.intrinsics) as JsonObject;
  const poolId = text(props.UserPoolId);
  const name =
    typeof props.ClientName === 'string' ? props.ClientName : physicalName(ctx.stackName, logicalId);
  let id: string | undefined;
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 60, NextToken: token }),
    );
    id = page.UserPoolClients?.find((c) => c.ClientName === name)?.ClientId;
    token = page.NextToken;
  } while (!id && token);
  if (!id) {
    const input = {
      UserPoolId: poolId,
      ClientName: name,
      ...pick(props, CLIENT_PROPERTIES),
    } as unknown as CreateUserPoolClientCommandInput;
    id = (await client.send(new CreateUserPoolClientCommand(input))).UserPoolClient?.ClientId;
  }
  if (!id) throw new Error(`CreateUserPoolClient ${name} returned no id`);
  return {
    logicalId,
    type: 'AWS::Cognito::UserPoolClient',
    ref: id,
    attributes: { ClientId: id, Name: name },
    summary: `${id} (${name}${Array.isArray(props.ExplicitAuthFlows) ? `; ${props.ExplicitAuthFlows.map(text).join(', ')}` : ''})`,
  };
};

export const provisionUserPoolGroup: Provisioner = async (logicalId, rawProps, ctx) => {
  const client = ctx.clients.cognito;
  if (!client) throw new Error('no Cognito endpoint');
  const props = resolveIntrinsics(rawProps, ctx.intrinsics) as JsonObject;
  const name =
    typeof props.GroupName === 'string' ? props.GroupName : physicalName(ctx.stackName, logicalId, 128);
  const poolId = text(props.UserPoolId);
  try {
    await client.send(
      new CreateGroupCommand({
        UserPoolId: poolId,
        GroupName: name,
        Description: typeof props.Description === 'string' ? props.Description : undefined,
        Precedence: typeof props.Precedence === 'number' ? props.Precedence : undefined,
      }),
    );
  } catch (e) {
    if (errorName(e) !== 'GroupExistsException') throw e;
  }
  return {
    logicalId,
    type: 'AWS::Cognito::UserPoolGroup',
    ref: name,
    attributes: { UserPoolId: poolId },
    summary: `${name} (in ${poolId})`,
  };
};
