/**
 * Property-based fuzzing of every operation, from the spec's own schemas: valid and invalid bodies
 * and parameters over real HTTP on the local stack. Invariants: never a 5xx; every error is
 * problem+json without internals; every success matches the spec; a body the spec's validator
 * refuses never succeeds.
 */
import fc from 'fast-check';
import { contractViolations } from '../support/contract.js';
import { specOperations } from '../support/project.js';
import { validatorFor } from '../support/schema-validator.js';
import { startStack, type StackTarget } from '../support/stack.js';
import { signUpConfirmAndLogin } from '../support/users.js';
import { invalidArbitrary, validArbitrary } from '../support/arbitraries.js';
import { problemViolation, send } from './http.js';
import { record, sized } from './report.js';

const RUNS_PER_OPERATION = sized(60, 15);

type Op = {
  operationId: string;
  security?: unknown[];
  parameters?: { $ref?: string; name?: string; in?: string; schema?: object }[];
  requestBody?: { content: Record<string, { schema: object }> };
};

const operations = specOperations()
  .filter(({ method }) => method !== 'options')
  .map(({ path, method, op }) => ({ path, method: method.toUpperCase(), op: op as unknown as Op }));

function pathParamArbitrary(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
    fc.constantFrom('..', '%2e%2e', 'a%2Fb', '%00', '💥', 'x'.repeat(300), "' OR '1'='1", '<script>'),
  );
}

describe('fuzzing every operation from the spec', () => {
  let stack: StackTarget;
  let token = '';
  const counts = {
    bodiesFuzzed: 0,
    requests: 0,
    fiveXX: 0,
    problemViolations: 0,
    contractViolations: 0,
    invalidAccepted: 0,
  };
  const failures: string[] = [];

  beforeAll(async () => {
    stack = await startStack();
    token = (await signUpConfirmAndLogin(stack)).idToken;
  }, 120_000);

  afterAll(async () => {
    record('fuzz', counts);
    await stack?.stop();
  });

  it.each(operations)('$method $path', async ({ path, method, op }) => {
    const bodySchema = op.requestBody?.content['application/json']?.schema;
    const secured = !(Array.isArray(op.security) && op.security.length === 0);
    const headers: Record<string, string> = secured ? { authorization: `Bearer ${token}` } : {};
    const specValidator = bodySchema ? validatorFor(bodySchema) : undefined;

    const bodies = bodySchema
      ? fc.oneof(
          validArbitrary(bodySchema).map((b) => JSON.stringify(b)),
          invalidArbitrary(bodySchema),
        )
      : fc.constant(undefined);

    await fc.assert(
      fc.asyncProperty(
        bodies,
        pathParamArbitrary(),
        fc.option(fc.integer({ min: -5, max: 500 })),
        async (body, param, limit) => {
          const url =
            path.replace(/\{[^}]+\}/g, encodeURIComponent(param)) +
            (limit !== null && method === 'GET' ? `?limit=${limit}` : '');
          const r = await send(stack.baseUrl, method, url, { body, headers });
          counts.requests++;
          if (body !== undefined) counts.bodiesFuzzed++;
          const where = `${method} ${url} ${body?.slice(0, 80) ?? ''} -> ${r.status}`;
          if (r.status >= 500) {
            counts.fiveXX++;
            failures.push(`5xx: ${where} ${r.text.slice(0, 120)}`);
          }
          const problem = problemViolation(r);
          if (problem) {
            counts.problemViolations++;
            failures.push(`${problem}: ${where}`);
          }
          if (r.status < 300) {
            const violations = contractViolations(op.operationId, r.status, r.contentType, r.json);
            if (violations.length > 0) {
              counts.contractViolations++;
              failures.push(`contract: ${where} ${violations.join('; ')}`);
            }
            let parsed: unknown;
            try {
              parsed = body === undefined ? undefined : JSON.parse(body);
            } catch {
              parsed = Symbol('not json');
            }
            if (
              specValidator &&
              body !== undefined &&
              (typeof parsed === 'symbol' || !specValidator(parsed))
            ) {
              counts.invalidAccepted++;
              failures.push(`accepted an invalid body: ${where}`);
            }
          }
        },
      ),
      { numRuns: RUNS_PER_OPERATION, endOnFailure: false },
    );
    expect(failures).toEqual([]);
  });
});
