/**
 * Loads a function bundle the way Lambda loads it: an ES module imported from its file in a fresh
 * Node process, outside the source tree (no node_modules, no `require`), with the variables env.json
 * gives that function. Used for `npm run build`'s bundles and for `sam build`'s.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { projectRoot } from './paths.js';

const run = promisify(execFile);
const envJson = JSON.parse(readFileSync(join(projectRoot, 'env.json'), 'utf8')) as Record<
  string,
  Record<string, string>
>;

/** 'loaded' when the bundle imports and exports `handlerExport` as a function, else why not. */
export async function loadBundle(path: string, logicalId: string, handlerExport: string): Promise<string> {
  const env = {
    PATH: process.env.PATH,
    AWS_REGION: 'us-east-1',
    ...envJson.Parameters,
    ...envJson[logicalId],
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  };
  const script = `const m = await import(${JSON.stringify(pathToFileURL(path).href)}); if (typeof m[${JSON.stringify(handlerExport)}] !== 'function') { console.error('Error: no ${handlerExport} export'); process.exit(3); }`;
  return run(process.execPath, ['--input-type=module', '-e', script], { env, cwd: tmpdir() }).then(
    () => 'loaded',
    (e: { stderr?: string }) => `failed: ${e.stderr?.split('\n').find((l) => /Error/.test(l)) ?? e.stderr}`,
  );
}

/**
 * Whether importing the bundle evaluates the X-Ray SDK, with `env` on top of env.json's: the SDK's
 * cls-hooked sets `process.namespaces` when it loads and the SDK opens its `AWSXRay` namespace there,
 * so their absence after the import means no X-Ray code ran.
 */
export async function xrayLoadedBy(
  path: string,
  logicalId: string,
  env: Record<string, string> = {},
): Promise<boolean> {
  const script = `await import(${JSON.stringify(pathToFileURL(path).href)}); console.log(JSON.stringify(Object.keys(process.namespaces ?? {})));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    env: {
      PATH: process.env.PATH,
      AWS_REGION: 'us-east-1',
      ...envJson.Parameters,
      ...envJson[logicalId],
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      ...env,
    },
    cwd: tmpdir(),
  });
  const namespaces = JSON.parse(stdout.trim().split('\n').pop() ?? '[]') as string[];
  return namespaces.includes('AWSXRay');
}
