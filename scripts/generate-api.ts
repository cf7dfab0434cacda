/**
 * Generates api/ from the contract, openapi.yaml:
 * - api/openapi.json: the published document (served at GET /openapi.json), without `x-function`;
 * - api/schema.d.ts, api/client.ts: TypeScript types (openapi-typescript) and a typed client (openapi-fetch,
 *   scripts/api/client.ts: schema types by name, enum values, secured operations, auth and retry middleware);
 * - api/validators.js (and .d.ts): precompiled request validators, by name and grouped per operation
 *   (scripts/api/validators.ts);
 * - api/operations.json: the operations table handlers read (scripts/api/operations-table.ts);
 * - api/gateway.yaml: the API Gateway definition template.yaml includes (scripts/api/gateway-definition.ts),
 *   invoking each function through the alias template.yaml publishes it with, if any.
 * api/schema.d.ts also declares each job type's payload and result types (scripts/api/job-types.ts)
 * and the parameters a handler always receives because the contract gives them a default.
 * `npm run generate` writes them; `--check` fails when the committed files differ
 * (tests/contract/generated-drift.test.ts runs the same check).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { Document, parse } from 'yaml';
import { clientModule } from './api/client.js';
import { contractOperations, published, type Contract } from './api/contract.js';
import { readFunctionAliases } from './api/function-aliases.js';
import { gatewayDefinition } from './api/gateway-definition.js';
import { completeJobTypes, jobTypesDeclaration, SUBMIT_SCHEMA, submitRequestType } from './api/job-types.js';
import { operationsTable } from './api/operations-table.js';
import { validatorsModule, validatorsTypes } from './api/validators.js';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const HEADER = '// Generated from openapi.yaml by `npm run generate`. Do not edit.\n';

/** YAML without folded lines or anchors, so the file reads as what API Gateway imports. */
function gatewayYaml(definition: object): string {
  const doc = new Document(definition, { aliasDuplicateObjects: false });
  doc.commentBefore =
    ' Generated from openapi.yaml by `npm run generate` (scripts/api/gateway-definition.ts). Do not edit.\n' +
    ' The API Gateway definition template.yaml includes (Fn::Transform: AWS::Include).';
  return doc.toString({ lineWidth: 0 });
}

/** Per operation, the parameters the contract gives a default (the request parser fills them in). */
function parameterDefaultsDeclaration(contract: Contract): string {
  const lines = contractOperations(contract).flatMap((op) => {
    const byLocation = new Map<string, string[]>();
    for (const p of op.parameters)
      if (p.schema?.default !== undefined) byLocation.set(p.in, [...(byLocation.get(p.in) ?? []), p.name]);
    if (byLocation.size === 0) return [];
    const locations = [...byLocation].map(
      ([location, names]) => `${location}: ${names.map((n) => `'${n}'`).join(' | ')}`,
    );
    return [`  ${op.operationId}: { ${locations.join('; ')} };`];
  });
  return `/** Per operation and location, the parameters the contract gives a default: a handler always receives them. */
export interface DefaultedParameters {
${lines.join('\n')}
}
`;
}

export async function generate(specText?: string): Promise<Record<string, string>> {
  const text = specText ?? (await readFile(join(root, 'openapi.yaml'), 'utf8'));
  const contract = parse(text) as Contract;
  const document = published(contract);
  const jobTypes = completeJobTypes(contract);
  // Root types: every schema also exported by its own name (Job, Problem, ...), as written in the contract.
  const types = astToString(
    await openapiTS(document as never, {
      alphabetize: false,
      rootTypes: true,
      rootTypesNoSchemaPrefix: true,
      rootTypesKeepCasing: true,
      inject: jobTypesDeclaration(jobTypes) + parameterDefaultsDeclaration(contract),
      transform: (_, { path }) =>
        path === `#/components/schemas/${SUBMIT_SCHEMA}` ? submitRequestType(jobTypes) : undefined,
    }),
  );
  return {
    'api/openapi.json': JSON.stringify(document, null, 2) + '\n',
    'api/schema.d.ts': HEADER + types,
    'api/client.ts': await clientModule(contract, HEADER, join(root, 'api/client.ts')),
    'api/validators.js': validatorsModule(contract, HEADER),
    'api/validators.d.ts': validatorsTypes(contract, HEADER),
    'api/operations.json': JSON.stringify(operationsTable(contract), null, 2) + '\n',
    'api/gateway.yaml': gatewayYaml(
      gatewayDefinition(contract, readFunctionAliases(join(root, 'template.yaml'))),
    ),
  };
}

/** The generated files that differ from what the spec (or `specText`, to test the check) produces. */
export async function drift(specText?: string): Promise<string[]> {
  const files = await generate(specText);
  const stale: string[] = [];
  for (const [file, content] of Object.entries(files)) {
    const current = await readFile(join(root, file), 'utf8').catch(() => '');
    if (current !== content) stale.push(file);
  }
  return stale;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) {
    const stale = await drift();
    if (stale.length > 0) {
      console.error(
        `Generated files are out of date with openapi.yaml: ${stale.join(', ')}. Run: npm run generate`,
      );
      process.exit(1);
    }
    console.log('api/ is up to date with openapi.yaml');
  } else {
    for (const [file, content] of Object.entries(await generate())) {
      await writeFile(join(root, file), content);
      console.log(`wrote ${file}`);
    }
  }
}
