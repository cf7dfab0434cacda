/**
 * Creates every resource of the template the local stack emulates, in reference order (a DLQ
 * before the queue whose RedrivePolicy names it, a user pool before its client and groups), and
 * names in a warning every resource type it does not emulate: nothing is skipped silently.
 */
import type { Service } from '../aws.js';
import { StartError } from '../errors.js';
import { plain, resourceRule } from '../explain/rules.js';
import { referencedIds, Unresolvable } from '../sam/intrinsics.js';
import type { Json, SamTemplate } from '../sam/template.js';
import { provisionUserPool, provisionUserPoolClient, provisionUserPoolGroup } from './cognito.js';
import { provisionTable } from './dynamodb.js';
import { provisionBucket } from './s3.js';
import { provisionSecret } from './secrets-manager.js';
import { provisionQueue } from './sqs.js';
import { PROVISIONED_SERVICES } from './services.js';
import type { ProvisionContext, ProvisionedResource, Provisioner } from './types.js';

const PROVISIONERS: Record<string, Provisioner> = {
  'AWS::DynamoDB::Table': provisionTable,
  'AWS::SQS::Queue': provisionQueue,
  'AWS::S3::Bucket': provisionBucket,
  'AWS::Cognito::UserPool': provisionUserPool,
  'AWS::Cognito::UserPoolClient': provisionUserPoolClient,
  'AWS::Cognito::UserPoolGroup': provisionUserPoolGroup,
  'AWS::SecretsManager::Secret': provisionSecret,
};

/** Served by the runner itself (functions in workers, the API on --port). */
const RUN_LOCALLY = new Set([
  'AWS::Serverless::Function',
  'AWS::Serverless::Api',
  // Polled by the event sources phase (sqs/mapping-resources.ts), or named there when not SQS.
  'AWS::Lambda::EventSourceMapping',
]);

export interface ProvisionResult {
  resources: ProvisionedResource[];
  /** Resource types not emulated, with their logical ids and why. */
  notEmulated: { type: string; logicalIds: string[]; reason: string }[];
}

export async function provisionAll(
  template: SamTemplate,
  ctx: ProvisionContext,
  available: ReadonlySet<Service>,
): Promise<ProvisionResult> {
  const todo = new Map<string, { type: string; props: Json }>();
  const notEmulated = new Map<string, { logicalIds: string[]; reason: string }>();
  for (const [id, r] of Object.entries(template.Resources)) {
    const service = PROVISIONED_SERVICES[r.Type];
    if (service && available.has(service)) todo.set(id, { type: r.Type, props: r.Properties ?? {} });
    else if (!RUN_LOCALLY.has(r.Type)) {
      const entry = notEmulated.get(r.Type) ?? {
        logicalIds: [],
        reason: service
          ? `no ${service} endpoint`
          : // Why, from the table explain and the README use (explain/rules.ts).
            plain(resourceRule(r.Type).how),
      };
      entry.logicalIds.push(id);
      notEmulated.set(r.Type, entry);
    }
  }

  const done: ProvisionedResource[] = [];
  const failures: string[] = [];
  const resources = ctx.intrinsics.resources;
  // Provision in waves: everything whose references are already known, in parallel.
  while (todo.size > 0) {
    const ready = [...todo.entries()].filter(([, r]) =>
      [...referencedIds(r.props)].every((dep) => !todo.has(dep)),
    );
    if (ready.length === 0) throw new Error(`circular references between ${[...todo.keys()].join(', ')}`);
    await Promise.all(
      ready.map(async ([id, r]) => {
        todo.delete(id);
        const provision = PROVISIONERS[r.type] as Provisioner;
        try {
          const result = await provision(id, r.props as never, ctx);
          resources[id] = result;
          done.push(result);
        } catch (e) {
          // A reference to a resource type the runner does not emulate (already named in a warning)
          // leaves this one out with a warning; an emulator refusing to create it stops the start:
          // functions would otherwise fail later, far from the cause.
          if (e instanceof Unresolvable) ctx.warn(`${r.type} ${id} could not be created: ${e.message}`);
          else failures.push(`${r.type} ${id}: ${(e as Error).name}: ${(e as Error).message}`);
        }
      }),
    );
  }
  if (failures.length > 0)
    throw new StartError(
      `could not create ${failures.length === 1 ? 'a resource' : `${failures.length} resources`} of the template: ${failures.join('; ')}`,
    );
  done.sort((a, b) => a.type.localeCompare(b.type) || a.logicalId.localeCompare(b.logicalId));
  return {
    resources: done,
    notEmulated: [...notEmulated.entries()].map(([type, v]) => ({ type, ...v })),
  };
}
