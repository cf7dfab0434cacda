/**
 * Physical names for resources the template does not name, derived from the stack name and the
 * logical id, so they are stable across restarts (state kept in --data finds them again).
 * CloudFormation would add a random suffix; locally a readable, stable name is worth more.
 */
export function physicalName(stackName: string, logicalId: string, maxLength = 80): string {
  return `${stackName}-${logicalId}`.slice(0, maxLength);
}

export function bucketName(stackName: string, logicalId: string): string {
  return `${stackName}-${logicalId}`
    .toLowerCase()
    .replace(/[^a-z0-9.-]/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 63)
    .replace(/[^a-z0-9]+$/, '');
}
