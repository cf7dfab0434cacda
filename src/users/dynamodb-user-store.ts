/**
 * UserStore on DynamoDB (UsersTable, key `userId`). Every write is one conditional request, so a
 * create never overwrites and an update or delete never resurrects: no read-then-write race.
 */
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  ScanCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { conditionally, isConditionalCheckFailed } from '../lib/dynamodb.js';
import type { UserFields, UserPage, UserRecord, UserStore } from './user-store.js';

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

export class DynamoUserStore implements UserStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  create(user: UserRecord): Promise<boolean> {
    return conditionally(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: user,
          ConditionExpression: 'attribute_not_exists(userId)',
        }),
      ),
    );
  }

  async get(userId: string): Promise<UserRecord | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.tableName, Key: { userId } }));
    return out.Item as UserRecord | undefined;
  }

  async update(userId: string, fields: UserFields, updatedAt: string): Promise<UserRecord | undefined> {
    try {
      const out = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
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
  }

  delete(userId: string): Promise<boolean> {
    return conditionally(
      this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { userId },
          ConditionExpression: 'attribute_exists(userId)',
        }),
      ),
    );
  }

  async list(limit: number, startKey?: { userId: string }): Promise<UserPage> {
    const out = await this.db.send(
      new ScanCommand({
        TableName: this.tableName,
        Limit: limit,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    const lastKey = out.LastEvaluatedKey as { userId: string } | undefined;
    return { items: (out.Items ?? []) as UserRecord[], ...(lastKey ? { lastKey } : {}) };
  }
}
