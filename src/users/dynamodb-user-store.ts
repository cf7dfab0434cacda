/**
 * UserStore on DynamoDB (UsersTable, key `userId`). Every write is one conditional request, so a
 * create never overwrites and an update or delete never resurrects: no read-then-write race.
 */
import { isConditionalCheckFailed } from '../lib/dynamodb-errors.js';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  ScanCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { UserFields, UserRecord, UserStore } from './user-store.js';

/** SET what is given, REMOVE optional fields that are not: PUT replaces the profile's fields. */
function updateExpression(fields: UserFields, updatedAt: string) {
  const values: Record<string, unknown> = { ':name': fields.name, ':updatedAt': updatedAt };
  const set = ['#name = :name', '#updatedAt = :updatedAt'];
  const remove: string[] = [];
  for (const field of ['email', 'bio'] as const) {
    const value = fields[field];
    if (value === undefined) remove.push(`#${field}`);
    else {
      set.push(`#${field} = :${field}`);
      values[`:${field}`] = value;
    }
  }
  return {
    UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
    // `name` is a DynamoDB reserved word; naming every attribute keeps the expression uniform.
    ExpressionAttributeNames: {
      '#userId': 'userId',
      '#name': 'name',
      '#email': 'email',
      '#bio': 'bio',
      '#updatedAt': 'updatedAt',
    },
    ExpressionAttributeValues: values,
  };
}

export function dynamoDbUserStore(client: DynamoDBDocumentClient, tableName: string): UserStore {
  return {
    async create(user) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: user,
            ConditionExpression: 'attribute_not_exists(userId)',
          }),
        );
        return true;
      } catch (error) {
        if (isConditionalCheckFailed(error)) return false;
        throw error;
      }
    },

    async get(userId) {
      const out = await client.send(new GetCommand({ TableName: tableName, Key: { userId } }));
      return out.Item as UserRecord | undefined;
    },

    async update(userId, fields, updatedAt) {
      try {
        const out = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { userId },
            ConditionExpression: 'attribute_exists(#userId)',
            ReturnValues: 'ALL_NEW',
            ...updateExpression(fields, updatedAt),
          }),
        );
        return out.Attributes as UserRecord | undefined;
      } catch (error) {
        if (isConditionalCheckFailed(error)) return undefined;
        throw error;
      }
    },

    async delete(userId) {
      try {
        await client.send(
          new DeleteCommand({
            TableName: tableName,
            Key: { userId },
            ConditionExpression: 'attribute_exists(userId)',
          }),
        );
        return true;
      } catch (error) {
        if (isConditionalCheckFailed(error)) return false;
        throw error;
      }
    },

    async list(limit, startKey) {
      const out = await client.send(
        new ScanCommand({
          TableName: tableName,
          Limit: limit,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      const lastKey = out.LastEvaluatedKey as { userId: string } | undefined;
      return { items: (out.Items ?? []) as UserRecord[], ...(lastKey ? { lastKey } : {}) };
    },
  };
}
