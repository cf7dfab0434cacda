import type { AwsClients } from '../aws.js';
import type { IntrinsicContext, ResourceValues } from '../sam/intrinsics.js';
import type { JsonObject } from '../sam/template.js';

export interface ProvisionContext {
  stackName: string;
  region: string;
  accountId: string;
  clients: AwsClients;
  /** Parameters and the resources provisioned so far: later resources may reference earlier ones. */
  intrinsics: IntrinsicContext;
  /** Local override of every queue's VisibilityTimeout (seconds), if set. */
  sqsVisibilityTimeout?: number;
  warn(message: string): void;
}

export interface ProvisionedResource extends ResourceValues {
  logicalId: string;
  type: string;
  /** One line for the "resources" summary printed at start. */
  summary: string;
}

export type Provisioner = (
  logicalId: string,
  properties: JsonObject,
  ctx: ProvisionContext,
) => Promise<ProvisionedResource>;

export const errorName = (e: unknown): string => (e as { name?: string } | undefined)?.name ?? '';
