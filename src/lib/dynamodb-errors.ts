/**
 * A conditional write that lost its condition (an item exists, or is gone, or moved on). Matched by
 * name, not `instanceof`: the error class differs between copies of the SDK in one bundle or test.
 */
export function isConditionalCheckFailed(error: unknown): boolean {
  return (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException';
}
