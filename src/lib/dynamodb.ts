/**
 * What every DynamoDB adapter shares: the document client (one translation of JS values to
 * DynamoDB's, on the one DynamoDB client of src/lib/aws-clients.ts) and how a lost condition is
 * recognised. Not in aws-clients.ts: @aws-sdk/lib-dynamodb does not declare itself free of side
 * effects, so importing it there would put DynamoDB into every bundle.
 */
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDbClient } from './aws-clients.js';

/** Undefined attributes are left out of items (optional fields such as `bio` or `error`). */
export const DOCUMENT_TRANSLATION = { marshallOptions: { removeUndefinedValues: true } } as const;

let documents: DynamoDBDocumentClient | undefined;
export function documentClient(): DynamoDBDocumentClient {
  return (documents ??= DynamoDBDocumentClient.from(dynamoDbClient(), DOCUMENT_TRANSLATION));
}

/**
 * A conditional write that lost its condition (an item exists, or is gone, or moved on). Matched by
 * name, not `instanceof`: the error class differs between copies of the SDK in one bundle or test.
 */
export function isConditionalCheckFailed(error: unknown): boolean {
  return (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException';
}

/** Runs a conditional write: true when it happened, false when its condition did not hold. */
export async function conditionally(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
}
