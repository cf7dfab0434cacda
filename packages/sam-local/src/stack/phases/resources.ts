/**
 * Phase "resources": SDK clients for the emulators, every resource of the template created in them
 * (provision/), the seeded user, and the intrinsic context that resolves Ref / GetAtt / Sub against
 * them (functions' names and ARNs, the REST APIs' ids included). Stopping it closes the clients;
 * the resources stay, in the data folder.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { ACCOUNT_ID, createClients, destroyClients, type AwsClients, type Service } from '../../aws.js';
import { runtimeInfo } from '../../lambda/environment.js';
import { provisionAll, type ProvisionResult } from '../../provision/index.js';
import { seedUser, type SeededUser } from '../../provision/seed-user.js';
import type { IntrinsicContext, ResourceValues } from '../../sam/intrinsics.js';
import type { JsonObject, SamFunction, SamTemplate } from '../../sam/template.js';
import { started, type Started } from '../lifecycle.js';

export interface Resources {
  clients: AwsClients;
  intrinsics: IntrinsicContext;
  provisioned: ProvisionResult;
  /** Local REST API id per API logical id. */
  apiIds: Map<string, string>;
  seededUser?: SeededUser;
}

/** A stable 10-letter id per API, as API Gateway's ids look (https://{id}.execute-api...). */
function apiIdFor(stackName: string, logicalId: string): string {
  return createHash('sha1')
    .update(`${stackName}/${logicalId}`)
    .digest('hex')
    .replace(/[^a-z]/g, '')
    .padEnd(10, 'x')
    .slice(0, 10);
}

/** Functions and REST APIs, which the runner itself serves: their Ref and Fn::GetAtt values. */
function servedResources(
  template: SamTemplate,
  functions: SamFunction[],
  stackName: string,
  region: string,
): { resources: Record<string, ResourceValues>; apiIds: Map<string, string> } {
  const resources: Record<string, ResourceValues> = {};
  const apiIds = new Map<string, string>();
  for (const [id, r] of Object.entries(template.Resources)) {
    if (r.Type === 'AWS::Serverless::Function') {
      const fn = functions.find((f) => f.logicalId === id) ?? { logicalId: id, properties: {}, metadata: {} };
      const { functionName } = runtimeInfo(fn, stackName, '');
      resources[id] = {
        ref: functionName,
        attributes: { Arn: `arn:aws:lambda:${region}:${ACCOUNT_ID}:function:${functionName}` },
      };
      // The execution role SAM generates for a function without Role, `<Function>Role`
      // (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-generated-resources-function.html):
      // only its name and ARN exist locally (no IAM), so `!GetAtt <Function>Role.Arn` resolves.
      const role = `${id}Role`;
      if (fn.properties.Role === undefined && !template.Resources[role]) {
        const roleName = `${stackName}-${role}`.slice(0, 64);
        resources[role] = {
          ref: roleName,
          attributes: { Arn: `arn:aws:iam::${ACCOUNT_ID}:role/${roleName}` },
        };
      }
    } else if (r.Type === 'AWS::Serverless::Api' || r.Type === 'AWS::ApiGateway::RestApi') {
      const apiId = apiIdFor(stackName, id);
      apiIds.set(id, apiId);
      resources[id] = { ref: apiId, attributes: { RootResourceId: 'root00' } };
    }
  }
  return { resources, apiIds };
}

export async function startResources(options: {
  template: SamTemplate;
  functions: SamFunction[];
  stackName: string;
  region: string;
  endpoints: Partial<Record<Service, string>>;
  /** Parameter values, pseudo parameters included (sam/intrinsics.ts parameterValues). */
  parameters: Record<string, string>;
  /** The template's conditions, evaluated (sam/conditions.ts), for Fn::If. */
  conditions: Record<string, boolean>;
  sqsVisibilityTimeout?: number;
  adminEmail: string;
  dataDir: string;
  warn: (message: string) => void;
}): Promise<Started<Resources>> {
  const { template, stackName, region } = options;
  const clients = await createClients(options.endpoints, region);
  try {
    const { resources, apiIds } = servedResources(template, options.functions, stackName, region);
    const intrinsics: IntrinsicContext = {
      parameters: options.parameters,
      conditions: options.conditions,
      resources,
    };
    const provisioned = await provisionAll(
      template,
      {
        stackName,
        region,
        accountId: ACCOUNT_ID,
        clients,
        intrinsics,
        sqsVisibilityTimeout: options.sqsVisibilityTimeout,
        warn: options.warn,
      },
      new Set(Object.keys(options.endpoints) as Service[]),
    );
    const seededUser = await seedAdmin(template, provisioned, clients, options);
    return started({ clients, intrinsics, provisioned, apiIds, seededUser }, () => destroyClients(clients));
  } catch (e) {
    destroyClients(clients);
    throw e;
  }
}

/** A confirmed user in every group of the template's user pool, so admin routes work at once. */
async function seedAdmin(
  template: SamTemplate,
  provisioned: ProvisionResult,
  clients: AwsClients,
  options: { adminEmail: string; dataDir: string; warn: (message: string) => void },
): Promise<SeededUser | undefined> {
  const pool = provisioned.resources.find((r) => r.type === 'AWS::Cognito::UserPool');
  if (!pool || !clients.cognito) return undefined;
  const groups = provisioned.resources
    .filter((r) => r.type === 'AWS::Cognito::UserPoolGroup' && r.attributes.UserPoolId === pool.ref)
    .map((r) => r.ref);
  const schema = ((template.Resources[pool.logicalId]?.Properties ?? {}).Schema ?? []) as JsonObject[];
  const requiredExtras = schema
    .filter((a) => a.Required === true && a.Name !== 'email')
    .map((a) => String(a.Name as string));
  try {
    return await seedUser(clients.cognito, {
      poolId: pool.ref,
      email: options.adminEmail,
      groups,
      stateFile: join(options.dataDir, 'seed-user.json'),
      extraAttributes: requiredExtras,
    });
  } catch (e) {
    options.warn(`could not seed ${options.adminEmail}: ${(e as Error).name}: ${(e as Error).message}`);
    return undefined;
  }
}
