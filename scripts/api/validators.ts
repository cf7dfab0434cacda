/**
 * Precompiled request validators (api/validators.js): ajv standalone code for every parameter and
 * body schema of every operation, and for every job type's payload schema, draft-04 like API
 * Gateway's models. Handlers validate with them without shipping or running the ajv compiler at
 * cold start; the operations table and api/job-types.ts name them.
 *
 * An ES module of named exports, so esbuild keeps in a function's bundle only the validators its
 * code imports (a CommonJS module is kept whole: every operation's validators in every function).
 * Beside each validator, one group per operation (exported under the operationId: the validators its
 * operations-table entry names, by those names) and `jobPayloads` (every job type's payload
 * validator): a function imports the groups of the operations it serves (src/lib/http/handler.ts).
 *
 * A schema may give its own error messages in `x-error-message` (ajv-errors' `errorMessage`
 * syntax: https://ajv.js.org/packages/ajv-errors.html), so the words a client reads come from the
 * contract too; a vendor extension, so API Gateway and OpenAPI tools ignore it.
 */
import AjvDraft04 from 'ajv-draft-04';
import ajvErrors from 'ajv-errors';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { contractOperations, published, type Contract } from './contract.js';
import { completeJobTypes } from './job-types.js';
import { operationsTable } from './operations-table.js';
import { bodyValidatorName, parameterValidatorName } from '../../src/lib/validator-names.js';

export const ERROR_MESSAGE_EXTENSION = 'x-error-message';

const SPEC_ID = 'openapi.json';

/** A JSON pointer from path segments (RFC 6901 escaping). */
const pointer = (...segments: string[]) =>
  segments.map((s) => `/${s.replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');

/** Local refs (#/...) made absolute against the document the validators are compiled with. */
const rooted = (schema: object) =>
  JSON.parse(JSON.stringify(schema).replaceAll('"$ref":"#/', `"$ref":"${SPEC_ID}#/`)) as object;

/** The contract's messages under the name ajv-errors reads. */
const withErrorMessages = (document: object) =>
  JSON.parse(JSON.stringify(document), (key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) && ERROR_MESSAGE_EXTENSION in value
      ? Object.fromEntries(
          Object.entries(value).map(([k, v]) => [k === ERROR_MESSAGE_EXTENSION ? 'errorMessage' : k, v]),
        )
      : value,
  ) as object;

/**
 * ajv's ES module output still loads its runtime helpers (e.g. ucs2length for minLength/maxLength)
 * with `require()` (https://github.com/ajv-validator/ajv/issues/1976, open), which an ES module does
 * not have: made imports here.
 */
function runtimeImports(code: string): string {
  const imports: string[] = [];
  const body = code.replace(
    /const (\w+) = require\("(ajv\/dist\/runtime\/[\w-]+)"\)\.default;/g,
    (_, name: string, module: string) => {
      imports.push(`import ${name}_module from "${module}.js";`);
      return `const ${name} = ${name}_module.default;`;
    },
  );
  if (/\brequire\(/.test(body)) throw new Error('ajv standalone code requires a module not made an import');
  // A module's code is strict anyway, and a directive after the imports would be a mere expression.
  return `${imports.join('')}${body.replace(/^"use strict";/, '')}`;
}

/** The export holding every job type's payload validator. */
export const JOB_PAYLOADS = 'jobPayloads';

/** Per operation (and `jobPayloads`), the names of its validators, as the operations table gives them. */
function groupsOf(contract: Contract): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const [operationId, op] of Object.entries(operationsTable(contract)))
    groups.set(operationId, [
      ...op.parameters.flatMap((p) => (p.validator ? [p.validator] : [])),
      ...(op.body ? [op.body.validator] : []),
    ]);
  groups.set(
    JOB_PAYLOADS,
    completeJobTypes(contract).map((t) => t.validator),
  );
  const members = new Set([...groups.values()].flat());
  for (const name of groups.keys())
    if (members.has(name)) throw new Error(`${name}: a group with the name of a validator`);
  return groups;
}

export function validatorsModule(contract: Contract, header: string): string {
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false, code: { source: true, esm: true } });
  addFormats.default(ajv);
  ajvErrors.default(ajv);
  ajv.addSchema(withErrorMessages(published(contract)), SPEC_ID);
  const exports: Record<string, string> = {};
  for (const op of contractOperations(contract)) {
    const body = op.requestBody?.content['application/json']?.schema;
    if (body) {
      const ref = typeof body.$ref === 'string' ? body.$ref : undefined;
      exports[bodyValidatorName(op.operationId)] = ref
        ? `${SPEC_ID}${ref}`
        : `${SPEC_ID}#${pointer('paths', op.path, op.method, 'requestBody', 'content', 'application/json', 'schema')}`;
    }
    for (const p of op.parameters) {
      if (!p.schema) continue;
      const id = parameterValidatorName(op.operationId, p.in, p.name);
      if (!ajv.getSchema(id)) ajv.addSchema(rooted(p.schema), id);
      exports[id] = id;
    }
  }
  for (const t of completeJobTypes(contract))
    exports[t.validator] = `${SPEC_ID}#/components/schemas/${t.payload}`;
  const code = runtimeImports(standaloneCode.default(ajv, exports));
  const groups = [...groupsOf(contract)].map(
    ([name, members]) => `export const ${name} = {${members.join(',')}};`,
  );
  return `${header}${code}\n${groups.join('\n')}\n`;
}

/** Types of api/validators.js: every validator, every operation's group and `jobPayloads`. */
export function validatorsTypes(contract: Contract, header: string): string {
  const groups = groupsOf(contract);
  const validatorNames = [...new Set([...groups.values()].flat())].sort();
  const groupNames = [...groups.keys()];
  return `${header}import type { ValidateFunction } from 'ajv';

/** An operation's validators (or the job payloads'), by the names api/operations.json gives them. */
export type Validators = Readonly<Record<string, ValidateFunction>>;

${validatorNames.map((n) => `export declare const ${n}: ValidateFunction;`).join('\n')}

${groupNames.map((n) => `export declare const ${n}: Validators;`).join('\n')}
`;
}
