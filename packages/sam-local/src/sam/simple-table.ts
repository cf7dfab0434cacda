/**
 * AWS::Serverless::SimpleTable as SAM transforms it: one AWS::DynamoDB::Table with the same logical
 * id (so `!Ref Table` is its name), a single hash key from PrimaryKey (default `id` of type String),
 * PAY_PER_REQUEST unless ProvisionedThroughput is given; TableName, SSESpecification and Tags pass
 * through (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-simpletable.html).
 */
import type { Json, JsonObject, Resource } from './template.js';

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** SimpleTable's PrimaryKey.Type names the DynamoDB scalar types in full. */
const ATTRIBUTE_TYPES: Record<string, string> = { String: 'S', Number: 'N', Binary: 'B' };

export const SIMPLE_TABLE = 'AWS::Serverless::SimpleTable';

export function simpleTableAsTable(resource: Resource): Resource {
  const props = resource.Properties ?? {};
  const key = isObject(props.PrimaryKey) ? props.PrimaryKey : {};
  const name = (key.Name ?? 'id') as Json;
  const type = typeof key.Type === 'string' ? key.Type : 'String';
  const table: JsonObject = {
    AttributeDefinitions: [{ AttributeName: name, AttributeType: ATTRIBUTE_TYPES[type] ?? type }],
    KeySchema: [{ AttributeName: name, KeyType: 'HASH' }],
  };
  if (props.ProvisionedThroughput !== undefined) table.ProvisionedThroughput = props.ProvisionedThroughput;
  else table.BillingMode = 'PAY_PER_REQUEST';
  for (const passed of ['TableName', 'SSESpecification', 'Tags', 'PointInTimeRecoverySpecification'])
    if (props[passed] !== undefined) table[passed] = props[passed];
  return { ...resource, Type: 'AWS::DynamoDB::Table', Properties: table };
}
