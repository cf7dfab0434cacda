/** AWS::DynamoDB::Table -> CreateTable with the template's keys and indexes (once; kept on restart). */
import {
  CreateTableCommand,
  DescribeTableCommand,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { resolveIntrinsics } from '../sam/intrinsics.js';
import type { JsonObject } from '../sam/template.js';
import { physicalName } from './names.js';
import { errorName, type Provisioner } from './types.js';

type Gsi = NonNullable<CreateTableCommandInput['GlobalSecondaryIndexes']>[number];

export const provisionTable: Provisioner = async (logicalId, rawProps, ctx) => {
  const client = ctx.clients.dynamodb;
  if (!client) throw new Error('no DynamoDB endpoint');
  const props = resolveIntrinsics(rawProps, ctx.intrinsics) as JsonObject;
  const name = typeof props.TableName === 'string' ? props.TableName : physicalName(ctx.stackName, logicalId);
  const onDemand = props.BillingMode === 'PAY_PER_REQUEST';
  const throughput = (p: unknown) =>
    onDemand
      ? undefined
      : ((p as CreateTableCommandInput['ProvisionedThroughput']) ?? {
          ReadCapacityUnits: 5,
          WriteCapacityUnits: 5,
        });
  const gsis = ((props.GlobalSecondaryIndexes ?? []) as unknown as Gsi[]).map((g) => ({
    IndexName: g.IndexName,
    KeySchema: g.KeySchema,
    Projection: g.Projection,
    ProvisionedThroughput: throughput(g.ProvisionedThroughput),
  }));
  const stream = props.StreamSpecification as { StreamViewType?: string } | undefined;
  const input: CreateTableCommandInput = {
    TableName: name,
    AttributeDefinitions:
      props.AttributeDefinitions as unknown as CreateTableCommandInput['AttributeDefinitions'],
    KeySchema: props.KeySchema as unknown as CreateTableCommandInput['KeySchema'],
    BillingMode: onDemand ? 'PAY_PER_REQUEST' : 'PROVISIONED',
    ProvisionedThroughput: throughput(props.ProvisionedThroughput),
    GlobalSecondaryIndexes: gsis.length > 0 ? gsis : undefined,
    LocalSecondaryIndexes:
      props.LocalSecondaryIndexes as unknown as CreateTableCommandInput['LocalSecondaryIndexes'],
    StreamSpecification: stream?.StreamViewType
      ? { StreamEnabled: true, StreamViewType: stream.StreamViewType as 'NEW_IMAGE' }
      : undefined,
  };

  let table: TableDescription | undefined;
  let created = false;
  try {
    table = (await client.send(new DescribeTableCommand({ TableName: name }))).Table;
  } catch (e) {
    if (errorName(e) !== 'ResourceNotFoundException') throw e;
    table = (await client.send(new CreateTableCommand(input))).TableDescription;
    created = true;
  }
  const existingIndexes = new Set((table?.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName));
  const missing = gsis.filter((g) => !existingIndexes.has(g.IndexName)).map((g) => g.IndexName);
  if (missing.length > 0)
    ctx.warn(
      `table ${name} exists without index ${missing.join(', ')} (template changed?): start with --fresh to recreate it`,
    );

  const ttl = props.TimeToLiveSpecification as { AttributeName?: string; Enabled?: boolean } | undefined;
  let ttlNote = '';
  if (created && ttl?.Enabled && ttl.AttributeName) {
    try {
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: name,
          TimeToLiveSpecification: { AttributeName: ttl.AttributeName, Enabled: true },
        }),
      );
    } catch {
      ttlNote = '; TTL not emulated: items do not expire';
    }
  } else if (ttl?.Enabled) ttlNote = '';

  const keys = (input.KeySchema ?? []).map((k) => k.AttributeName).join(', ');
  const indexes = gsis.length > 0 ? `; GSI ${gsis.map((g) => g.IndexName).join(', ')}` : '';
  const arn = table?.TableArn ?? `arn:aws:dynamodb:${ctx.region}:${ctx.accountId}:table/${name}`;
  const attributes: Record<string, string> = { Arn: arn };
  if (table?.LatestStreamArn) attributes.StreamArn = table.LatestStreamArn;
  return {
    logicalId,
    type: 'AWS::DynamoDB::Table',
    ref: name,
    attributes,
    summary: `${name} (keys ${keys}${indexes}${ttlNote})`,
  };
};
