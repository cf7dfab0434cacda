/**
 * JobStore on DynamoDB. Every write is one conditional operation (no transactions: dynalite has
 * none, and none is needed): create is `attribute_not_exists`, and a state move names the states
 * it may start from, so a stale or duplicate writer changes nothing.
 */
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { conditionally } from '../../lib/dynamodb.js';
import { SUMMARY_FIELDS, type JobKey, type JobRecord, type JobSummary } from '../model.js';
import type { JobMove, JobPage, JobPageKey, JobPageRequest, JobStore } from '../ports.js';

/** The owner/createdAt index of the jobs table (template.yaml JobsTable). */
export const BY_OWNER_CREATED_AT = 'ByOwnerCreatedAt';

const summaryProjection = {
  ProjectionExpression: SUMMARY_FIELDS.map((f) => `#${f}`).join(', '),
  ExpressionAttributeNames: Object.fromEntries(SUMMARY_FIELDS.map((f) => [`#${f}`, f])),
};

export class DynamoJobStore implements JobStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  create(job: JobRecord): Promise<boolean> {
    return conditionally(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: job,
          ConditionExpression: 'attribute_not_exists(jobId)',
        }),
      ),
    );
  }

  async get(key: JobKey): Promise<JobRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keyOf(key), ConsistentRead: true }),
    );
    return Item as JobRecord | undefined;
  }

  async summary(key: JobKey): Promise<JobSummary | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keyOf(key),
        ConsistentRead: true,
        ...summaryProjection,
      }),
    );
    return Item as JobSummary | undefined;
  }

  async move(key: JobKey, move: JobMove): Promise<boolean> {
    if (move.from.length === 0) return false; // no state may move there: nothing can match
    const names: Record<string, string> = { '#status': 'jobStatus', '#updatedAt': 'updatedAt' };
    const values: Record<string, unknown> = { ':to': move.to, ':at': move.at };
    const sets = ['#status = :to', '#updatedAt = :at'];
    if (move.resultKey !== undefined) {
      names['#resultKey'] = 'resultKey';
      values[':resultKey'] = move.resultKey;
      sets.push('#resultKey = :resultKey');
    }
    if (move.error !== undefined) {
      names['#error'] = 'error';
      values[':error'] = move.error;
      sets.push('#error = :error');
    }
    let update = `SET ${sets.join(', ')}`;
    if (move.clearError) {
      names['#error'] = 'error';
      update += ' REMOVE #error';
    }
    if (move.to === 'processing') {
      names['#attempts'] = 'attempts';
      values[':one'] = 1;
      update += ' ADD #attempts :one';
    }
    const from = move.from.map((status, i) => {
      values[`:from${i}`] = status;
      return `:from${i}`;
    });
    return conditionally(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keyOf(key),
          UpdateExpression: update,
          // Also false for a missing item, so a move never creates a job.
          ConditionExpression: `#status IN (${from.join(', ')})`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      ),
    );
  }

  async listByOwner(ownerId: string, page: JobPageRequest): Promise<JobPage> {
    const { Items, LastEvaluatedKey } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: BY_OWNER_CREATED_AT,
        KeyConditionExpression: '#ownerId = :ownerId',
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: page.startKey,
        ...summaryProjection,
        ExpressionAttributeValues: { ':ownerId': ownerId },
      }),
    );
    return {
      items: (Items ?? []) as JobSummary[],
      ...(LastEvaluatedKey ? { lastKey: LastEvaluatedKey as JobPageKey } : {}),
    };
  }
}

function keyOf(key: JobKey) {
  return { ownerId: key.ownerId, jobId: key.jobId };
}
