/**
 * Generates api/ from openapi.yaml: the published document (api/openapi.json, without the
 * x-amazon-apigateway-* extensions), TypeScript types (openapi-typescript) and a typed client
 * (openapi-fetch). `npm run generate` writes them; `--check` fails when the committed files differ
 * (tests/contract/generated-drift.test.ts runs the same check).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { parse } from 'yaml';

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

export async function generate(specText?: string): Promise<Record<string, string>> {
  const text = specText ?? (await readFile(join(root, 'openapi.yaml'), 'utf8'));
  const source = parse(text) as Record<string, unknown>;
  const published = stripGatewayExtensions(source) as Record<string, unknown>;
  const types = astToString(await openapiTS(published as never, { alphabetize: false }));
  return {
    'api/openapi.json': JSON.stringify(published, null, 2) + '\n',
    'api/schema.d.ts': HEADER + types,
    'api/client.ts': CLIENT,
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
