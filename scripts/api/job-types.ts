/**
 * Job types in the contract. The `JobType` enum lists them; each value `t` has two schemas,
 * `<T>JobPayload` (what `payload` must be when submitting it) and `<T>JobResult` (the document its
 * result link serves), `<T>` being `t` in PascalCase (word-count: WordCountJobPayload). A naming
 * rule rather than a oneOf: API Gateway's import refuses an OpenAPI 3.0 oneOf with $ref
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html), so
 * `SubmitJobRequest.payload` stays a plain object at the gateway, and the submit handler validates
 * it against its type's payload schema with a precompiled validator. The generated TypeScript does
 * say it: SubmitJobRequest is typed as the union of one request per job type.
 */
import { stringToAST } from 'openapi-typescript';
import type ts from 'typescript';
import type { Contract, JsonMap } from './contract.js';

export const JOB_TYPE_SCHEMA = 'JobType';
export const SUBMIT_SCHEMA = 'SubmitJobRequest';
const PAYLOAD_SUFFIX = 'JobPayload';
const RESULT_SUFFIX = 'JobResult';

export interface JobTypeSchemas {
  type: string;
  payload: string;
  result: string;
  /** Export name of the payload's validator in api/validators.cjs. */
  validator: string;
}

/** `word-count` -> `WordCount`: letters and digits kept, each run after a separator capitalised. */
export const pascalCase = (value: string) =>
  value
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');

export const jobPayloadValidatorName = (type: string) => `jobPayload_${type.replace(/[^A-Za-z0-9_]/g, '_')}`;

/** Every job type with its schema names. Throws listing every type without its schemas, and every orphan schema. */
export function jobTypeSchemas(contract: Contract): JobTypeSchemas[] {
  const schemas = contract.components.schemas ?? {};
  const values = (schemas[JOB_TYPE_SCHEMA] as JsonMap | undefined)?.enum;
  if (!Array.isArray(values) || values.length === 0)
    throw new Error(`openapi.yaml: ${JOB_TYPE_SCHEMA} must be a string enum of the job types`);
  const types = values.map((value) => {
    const pascal = pascalCase(String(value));
    return {
      type: String(value),
      payload: `${pascal}${PAYLOAD_SUFFIX}`,
      result: `${pascal}${RESULT_SUFFIX}`,
      validator: jobPayloadValidatorName(String(value)),
    };
  });
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
  if (problems.length > 0) throw new Error(`openapi.yaml:\n  ${problems.join('\n  ')}`);
  return types;
}

/**
 * SubmitJobRequest as openapi-typescript should write it: one request shape per job type, so the
 * typed client (and the handler) know which payload goes with which jobType.
 */
export function submitRequestType(types: JobTypeSchemas[]): ts.TypeNode {
  const variants = types.map(
    (t) => `{ jobType: ${JSON.stringify(t.type)}; payload: components["schemas"]["${t.payload}"] }`,
  );
  const [alias] = stringToAST(`type SubmitJobRequest = ${variants.join(' | ')};`) as ts.TypeAliasDeclaration[];
  return alias!.type;
}

/** api/job-types.ts: each type's payload and result types, and its payload validator's name. */
export function jobTypesModule(types: JobTypeSchemas[], header: string): string {
  const key = (type: string) => (/^[A-Za-z_$][\w$]*$/.test(type) ? type : `'${type}'`);
  return `${header}import type { components } from './schema.js';

type Schemas = components['schemas'];

/** Each job type's payload and result: the contract's <Type>JobPayload and <Type>JobResult schemas. */
export interface JobTypeSchemas {
${types.map((t) => `  ${key(t.type)}: { payload: Schemas['${t.payload}']; result: Schemas['${t.result}'] };`).join('\n')}
}

/** The precompiled validator (api/validators.cjs) of each job type's payload. */
export const JOB_PAYLOAD_VALIDATORS: { readonly [T in keyof JobTypeSchemas]: string } = {
${types.map((t) => `  ${key(t.type)}: '${t.validator}',`).join('\n')}
};
`;
}
