/**
 * Job types in the contract. The `JobType` enum lists them; each value `t` has two schemas,
 * `<T>JobPayload` (what `payload` must be when submitting it) and `<T>JobResult` (the document its
 * result link serves), `<T>` being `t` in PascalCase (word-count: WordCountJobPayload). A naming
 * rule rather than a oneOf: API Gateway's import refuses an OpenAPI 3.0 oneOf with $ref
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html), so
 * `SubmitJobRequest.payload` stays a plain object at the gateway, and the submit handler validates
 * it against its type's payload schema with a precompiled validator. The generated TypeScript does
 * say it: SubmitJobRequest is typed as the union of one request per job type, and api/schema.d.ts
 * maps each type to its payload and result types (JobTypeSchemas).
 */
import { stringToAST } from 'openapi-typescript';
import type ts from 'typescript';
import { jobPayloadValidatorName } from '../../src/lib/validator-names.js';
import type { Contract, JsonMap } from './contract.js';

export const JOB_TYPE_SCHEMA = 'JobType';
export const SUBMIT_SCHEMA = 'SubmitJobRequest';
const PAYLOAD_SUFFIX = 'JobPayload';
const RESULT_SUFFIX = 'JobResult';

export interface JobTypeSchemas {
  type: string;
  payload: string;
  result: string;
  /** Export name of the payload's validator in api/validators.js. */
  validator: string;
}

/** `word-count` -> `WordCount`: letters and digits kept, each run after a separator capitalised. */
export const pascalCase = (value: string) =>
  value
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');

const schemasOf = (contract: Contract) => contract.components.schemas ?? {};

/** Every value of JobType with the names of its schemas, by the rule (whether the contract has them or not). */
export function jobTypeSchemas(contract: Contract): JobTypeSchemas[] {
  const values = schemasOf(contract)[JOB_TYPE_SCHEMA]?.enum;
  return (Array.isArray(values) ? values : []).map((value) => {
    const pascal = pascalCase(String(value));
    return {
      type: String(value),
      payload: `${pascal}${PAYLOAD_SUFFIX}`,
      result: `${pascal}${RESULT_SUFFIX}`,
      validator: jobPayloadValidatorName(String(value)),
    };
  });
}

/** The job types whose two schemas the contract has: what the generated code can describe. */
export const completeJobTypes = (contract: Contract) =>
  jobTypeSchemas(contract).filter((t) => schemasOf(contract)[t.payload] && schemasOf(contract)[t.result]);

/**
 * What keeps the job types of the contract from being complete: a value without its schemas, a
 * schema named for no value, a payload that is not an object. `npm run generate` still writes what
 * it can (a type is added one step at a time); tests/unit/jobs/job-types.test.ts requires none.
 */
export function jobTypeProblems(contract: Contract): string[] {
  const schemas = schemasOf(contract);
  const types = jobTypeSchemas(contract);
  if (types.length === 0) return [`${JOB_TYPE_SCHEMA} must be a string enum of the job types`];
  const problems: string[] = [];
  for (const t of types)
    for (const name of [t.payload, t.result])
      if (!schemas[name]) problems.push(`job type ${t.type} has no schema ${name}`);
  const named = new Set(types.flatMap((t) => [t.payload, t.result]));
  for (const name of Object.keys(schemas))
    if ((name.endsWith(PAYLOAD_SUFFIX) || name.endsWith(RESULT_SUFFIX)) && !named.has(name))
      problems.push(`schema ${name} belongs to no value of ${JOB_TYPE_SCHEMA}`);
  for (const t of types)
    if (schemas[t.payload] && (schemas[t.payload] as JsonMap).type !== 'object')
      problems.push(`${t.payload}: a payload is a JSON object (type: object)`);
  return problems;
}

/**
 * SubmitJobRequest as openapi-typescript should write it: one request shape per job type, so the
 * typed client (and the handler) know which payload goes with which jobType, and one naming an
 * upload instead of a payload (which types read which files is checked at submit).
 */
export function submitRequestType(types: JobTypeSchemas[]): ts.TypeNode {
  const variants = [
    ...types.map(
      (t) =>
        `{ jobType: ${JSON.stringify(t.type)}; payload: components["schemas"]["${t.payload}"]; uploadId?: never }`,
    ),
    `{ jobType: components["schemas"]["JobType"]; uploadId: components["schemas"]["UploadId"]; payload?: never }`,
  ];
  const [alias] = stringToAST(
    `type SubmitJobRequest = ${variants.join(' | ')};`,
  ) as ts.TypeAliasDeclaration[];
  return alias!.type;
}

/** Declarations for api/schema.d.ts: each job type's payload and result, by its JobType value. */
export function jobTypesDeclaration(types: JobTypeSchemas[]): string {
  const key = (type: string) => JSON.stringify(type);
  return `/** Each job type's payload and result: the contract's <Type>JobPayload and <Type>JobResult schemas. */
export interface JobTypeSchemas {
${types.map((t) => `  ${key(t.type)}: { payload: components["schemas"]["${t.payload}"]; result: components["schemas"]["${t.result}"] };`).join('\n')}
}
`;
}
