/**
 * Generates api/ from openapi.yaml: the published document (api/openapi.json, without the
 * x-amazon-apigateway-* extensions), TypeScript types (openapi-typescript), a typed client
 * (openapi-fetch) and precompiled request validators (ajv standalone code, draft-04 like API Gateway:
 * handlers validate with them without shipping or running the ajv compiler at cold start). `npm run generate` writes them; `--check` fails when the committed files differ
 * (tests/contract/generated-drift.test.ts runs the same check).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { parse } from 'yaml';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { bodyValidatorName, parameterValidatorName } from '../src/lib/validator-names.js';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const HEADER = '// Generated from openapi.yaml by `npm run generate`. Do not edit.\n';

function stripGatewayExtensions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripGatewayExtensions);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !key.startsWith('x-amazon-apigateway-'))
        .map(([key, v]) => [key, stripGatewayExtensions(v)]),
    );
  }
  return value;
}

const CLIENT = `${HEADER}import createClient, { type ClientOptions } from 'openapi-fetch';
import type { paths } from './schema.js';

export type { paths, components, operations } from './schema.js';

/** A typed client for this API: every path, parameter, body and response comes from openapi.yaml. */
export function createApiClient(baseUrl: string, options: Omit<ClientOptions, 'baseUrl'> = {}) {
  return createClient<paths>({ baseUrl, ...options });
}

export type ApiClient = ReturnType<typeof createApiClient>;
`;

interface SpecParameter {
  name: string;
  in: string;
  schema?: object;
  $ref?: string;
}
type SpecOperation = {
  operationId?: string;
  parameters?: SpecParameter[];
  requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
};

const SPEC_ID = 'openapi.json';
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** ajv standalone code for every request body and parameter schema of every operation. */
export function validatorsModule(published: Record<string, unknown>): string {
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false, code: { source: true } });
  addFormats.default(ajv);
  ajv.addSchema(published, SPEC_ID);
  const components = (published.components ?? {}) as { parameters?: Record<string, SpecParameter> };
  const resolve = (p: SpecParameter) =>
    p.$ref ? (components.parameters?.[p.$ref.replace('#/components/parameters/', '')] ?? p) : p;
  const exports: Record<string, string> = {};
  const paths = (published.paths ?? {}) as Record<string, Record<string, unknown>>;
  for (const item of Object.values(paths)) {
    const shared = ((item.parameters ?? []) as SpecParameter[]).map(resolve);
    for (const method of METHODS) {
      const op = item[method] as SpecOperation | undefined;
      if (!op?.operationId) continue;
      const ref = op.requestBody?.content?.['application/json']?.schema?.$ref;
      if (ref) exports[bodyValidatorName(op.operationId)] = `${SPEC_ID}${ref}`;
      for (const p of [...shared, ...(op.parameters ?? []).map(resolve)]) {
        if (!p.schema) continue;
        const id = parameterValidatorName(op.operationId, p.in, p.name);
        const schema = JSON.parse(
          JSON.stringify(p.schema).replaceAll('"$ref":"#/', `"$ref":"${SPEC_ID}#/`),
        ) as object;
        if (!ajv.getSchema(id)) ajv.addSchema(schema, id);
        exports[id] = id;
      }
    }
  }
  return `${HEADER}${standaloneCode.default(ajv, exports)}\n`;
}

const VALIDATORS_TYPES = `${HEADER}import type { ValidateFunction } from 'ajv';

/** Precompiled validators, by the names in src/lib/validator-names.ts. */
declare const validators: Record<string, ValidateFunction | undefined>;
export = validators;
`;

export async function generate(specText?: string): Promise<Record<string, string>> {
  const text = specText ?? (await readFile(join(root, 'openapi.yaml'), 'utf8'));
  const source = parse(text) as Record<string, unknown>;
  const published = stripGatewayExtensions(source) as Record<string, unknown>;
  const types = astToString(await openapiTS(published as never, { alphabetize: false }));
  return {
    'api/openapi.json': JSON.stringify(published, null, 2) + '\n',
    'api/schema.d.ts': HEADER + types,
    'api/client.ts': CLIENT,
    'api/validators.cjs': validatorsModule(published),
    'api/validators.d.cts': VALIDATORS_TYPES,
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
