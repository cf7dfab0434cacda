/**
 * Checks a response of the generated client (api/client.ts) against the spec: the status is one the
 * operation declares, with its content type and body schema. Returns the status and the parsed body.
 */
import { contractViolations } from './contract.js';

interface ClientResult {
  response: Response;
  data?: unknown;
  error?: unknown;
}

export function checked(operationId: string, result: ClientResult): { status: number; body: unknown } {
  const { response } = result;
  const body = response.status === 204 ? undefined : (result.data ?? result.error);
  const violations = contractViolations(
    operationId,
    response.status,
    response.headers.get('content-type') ?? undefined,
    body,
  );
  if (violations.length > 0) {
    throw new Error(
      `${operationId} answered ${response.status} outside the contract: ${violations.join('; ')}`,
    );
  }
  return { status: response.status, body };
}

/** The claims of a JWT (decoded, not verified: for reading the test's own tokens). */
export function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}
