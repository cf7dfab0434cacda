/**
 * api/client.ts: the typed client (openapi-fetch) with what its users expect from the contract alone:
 * every schema of components.schemas as a named type (openapi-typescript's root types, written into
 * api/schema.d.ts and re-exported here), each string enum's values at run time (a select box needs
 * them; types are erased), which operations need the token, and a `createApiClient` that wires the
 * hand-written middlewares (api/auth-middleware.ts, api/retry-middleware.ts).
 */
import { format, resolveConfig } from 'prettier';
import { contractOperations, type Contract } from './contract.js';

/** `JobType` -> `jobTypeValues`. */
export const enumValuesName = (schema: string) => `${schema[0]?.toLowerCase() ?? ''}${schema.slice(1)}Values`;

const list = (items: string[], indent: string) =>
  items.length === 0 ? '[]' : `[\n${items.map((i) => `${indent}  ${i},`).join('\n')}\n${indent}]`;

/** The module's text, formatted as `npm run lint` checks it (prettier, the project's settings). */
export async function clientModule(contract: Contract, header: string, file: string): Promise<string> {
  const enumSchemas = Object.entries(contract.components.schemas ?? {}).filter(
    ([, schema]) => schema.type === 'string' && Array.isArray(schema.enum),
  );
  const enums = enumSchemas.map(
    ([name, schema]) =>
      `/** The values of ${name}, in the contract's order. */\n` +
      `export const ${enumValuesName(name)} = ${list(
        (schema.enum as unknown[]).map((v) => `'${String(v).replace(/['\\]/g, '\\$&')}'`),
        '',
      )} as const satisfies readonly ${name}[];\n`,
  );
  const schemaImports = ['paths', ...enumSchemas.map(([name]) => name)].join(', ');
  const secured = contractOperations(contract)
    .filter((op) => op.security.length > 0)
    .map((op) => `'${op.method.toUpperCase()} ${op.path}'`);
  const text = `${header}import createClient, { type ClientOptions } from 'openapi-fetch';
import { authMiddleware, type TokenProvider } from './auth-middleware.js';
import { retryMiddleware, type RetryOptions } from './retry-middleware.js';
import type { ${schemaImports} } from './schema.js';

// paths, components, operations and every schema by name (Job, User, Problem, ...).
export type * from './schema.js';
export { authMiddleware, type AuthMiddlewareOptions, type TokenProvider } from './auth-middleware.js';
export { isRepeatable, retryAfterMs, retryMiddleware, type RetryOptions } from './retry-middleware.js';

${enums.join('\n')}
/** The operations that need a token (their \`security\` is not empty), as \`METHOD /path\`. */
export const securedOperations: ReadonlySet<string> = new Set(${list(secured, '')});

export const isSecured = (method: string, schemaPath: string) =>
  securedOperations.has(\`\${method.toUpperCase()} \${schemaPath}\`);

export interface ApiClientOptions extends Omit<ClientOptions, 'baseUrl'> {
  /** Sends its token on secured operations, and refreshes once on a 401 (api/auth-middleware.ts). */
  tokens?: TokenProvider;
  /** Retries 429 and 503 on repeatable requests (api/retry-middleware.ts); \`false\` turns it off. */
  retry?: RetryOptions | false;
}

/** A typed client for this API: every path, parameter, body and response comes from openapi.yaml. */
export function createApiClient(baseUrl: string, options: ApiClientOptions = {}) {
  const { tokens, retry = {}, ...clientOptions } = options;
  const client = createClient<paths>({ baseUrl, ...clientOptions });
  // Auth first: its onRequest sets the header before the retry middleware keeps a copy to resend.
  if (tokens) client.use(authMiddleware(tokens, { secured: isSecured }));
  if (retry) client.use(retryMiddleware(retry));
  return client;
}

export type ApiClient = ReturnType<typeof createApiClient>;
`;
  return format(text, { ...(await resolveConfig(file)), filepath: file });
}
