/** `sam-local` options (node:util parseArgs: no dependency needed for flags this simple). */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { StackOptions } from '../stack/options.js';
import { parseStaticMount } from '../static-site.js';

export const USAGE = `Usage: sam-local [options]
       sam-local lint-api [--template PATH] [--rules]
       sam-local explain [--template PATH]   what of the template is emulated, approximated or ignored

  --port N                    API port (default 3000; 0 picks a free one)
  --fresh                     start from empty state (deletes the data dir first)
  --data DIR                  where emulator state is kept (default .local/data beside the template)
  --no-watch                  do not rebuild functions when their sources change
  --cache DIR                 where function bundles are kept by the hash of their inputs, so an
                              unchanged function is never rebuilt (default .local/cache beside the template)
  --template PATH             the SAM template (default ./template.yaml)
  --env-vars PATH             SAM env-vars JSON (default ./env.json beside the template, if present)
  --parameter-overrides K=V   template parameters (space separated Key=Value pairs)
  --stack-name NAME           prefix of physical names (default: package.json name beside the template)
  --region REGION             default us-east-1 (or AWS_REGION)
  --sqs-visibility-timeout S  override every queue's VisibilityTimeout locally (faster retries)
  --admin-email EMAIL         the seeded admin user (default admin@local.test)
  --outputs-file PATH         once ready, write the template's Outputs resolved locally (and the
                              emulator endpoints) there too; always written to DIR/stack-outputs.json
  --function-env F.NAME=VALUE give function F (or * for all) a variable, declared in the template or not
                              (repeatable; e.g. local-only test switches that must never be in template.yaml)
  --fault F=RATE              function F fails on purpose with probability RATE (0..1): each record of
                              an SQS batch, else each invocation; around its handler (repeatable)
  --static /PATH/=DIR         also serve the files of DIR under /PATH/ on the API's port (GET and HEAD;
                              index.html for /PATH/; repeatable), e.g. a web front end: --static /console/=web/dist
  --static-config /PATH       answer GET /PATH with {"apiUrl": "<this API's URL>"} (e.g. /console/config.json)
  --strict-responses          a function response that does not match its operation's response schema
                              is a 502 (default: one warning line; AWS does not validate responses)
  --json-logs                 print function logs (and metrics) as raw JSON lines
  --metrics                   sum the functions' metrics (CloudWatch EMF lines) and print them at exit
  --verbose                   also print the emulators' own output (or LOCAL_STACK_VERBOSE=1)
  --help`;

export function parseCli(argv: string[], env: NodeJS.ProcessEnv = process.env): StackOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      fresh: { type: 'boolean', default: false },
      data: { type: 'string' },
      cache: { type: 'string' },
      'no-watch': { type: 'boolean', default: false },
      template: { type: 'string' },
      'env-vars': { type: 'string' },
      'parameter-overrides': { type: 'string', multiple: true },
      'stack-name': { type: 'string' },
      region: { type: 'string' },
      'sqs-visibility-timeout': { type: 'string' },
      'admin-email': { type: 'string' },
      'outputs-file': { type: 'string' },
      'function-env': { type: 'string', multiple: true },
      fault: { type: 'string', multiple: true },
      static: { type: 'string', multiple: true },
      'static-config': { type: 'string' },
      'strict-responses': { type: 'boolean', default: false },
      'json-logs': { type: 'boolean', default: false },
      metrics: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const templatePath = resolve(values.template ?? 'template.yaml');
  if (!existsSync(templatePath)) throw new Error(`No SAM template at ${templatePath} (use --template PATH)`);
  const port = Number(values.port ?? env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port ${values.port}: not a port number`);
  const overrides = parseParameterOverrides(values['parameter-overrides']);
  const functionEnv: Record<string, Record<string, string>> = {};
  for (const spec of values['function-env'] ?? []) {
    const match = /^([A-Za-z0-9*]+)\.([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(spec);
    if (!match)
      throw new Error(`--function-env ${spec}: expected FunctionLogicalId.NAME=VALUE (or *.NAME=VALUE)`);
    const [, fn = '', name = '', value = ''] = match;
    (functionEnv[fn] ??= {})[name] = value;
  }
  const faults: Record<string, number> = {};
  for (const spec of values.fault ?? []) {
    const match = /^([A-Za-z0-9]+)=(.+)$/.exec(spec);
    const rate = Number(match?.[2]);
    if (!match || match[2]?.trim() === '' || !Number.isFinite(rate) || rate < 0 || rate > 1)
      throw new Error(`--fault ${spec}: expected FunctionLogicalId=RATE with RATE from 0 to 1`);
    faults[match[1] as string] = rate;
  }
  const mounts = (values.static ?? []).map((spec) => parseStaticMount(spec));
  const configPath = values['static-config'];
  const visibility = values['sqs-visibility-timeout'];
  const defaultEnvVars = join(dirname(templatePath), 'env.json');
  return {
    templatePath,
    port,
    dataDir: resolve(values.data ?? join(dirname(templatePath), '.local', 'data')),
    cacheDir: values.cache === undefined ? undefined : resolve(values.cache),
    fresh: values.fresh ?? false,
    watch: !values['no-watch'],
    envVarsPath: values['env-vars']
      ? resolve(values['env-vars'])
      : existsSync(defaultEnvVars)
        ? defaultEnvVars
        : undefined,
    parameterOverrides: overrides,
    region: values.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    stackName: values['stack-name'],
    jsonLogs: values['json-logs'] ?? false,
    strictResponses: values['strict-responses'] ?? false,
    metrics: values.metrics ?? false,
    verbose: (values.verbose ?? false) || env.LOCAL_STACK_VERBOSE === '1',
    sqsVisibilityTimeout: visibility === undefined ? undefined : Number(visibility),
    adminEmail: values['admin-email'] ?? 'admin@local.test',
    outputsFile: values['outputs-file'] === undefined ? undefined : resolve(values['outputs-file']),
    functionEnv,
    faults,
    ...(mounts.length > 0 || configPath !== undefined
      ? { staticSite: { mounts, ...(configPath !== undefined ? { configPath } : {}) } }
      : {}),
  };
}

/**
 * `--parameter-overrides` as `sam deploy` takes it: space-separated Key=Value pairs, the option
 * given once or more. Throws naming the first pair that is not Key=Value.
 */
export function parseParameterOverrides(chunks: readonly string[] = []): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const pair of chunks.flatMap((c) => c.split(/\s+/)).filter(Boolean)) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`--parameter-overrides ${pair}: expected Key=Value`);
    overrides[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return overrides;
}
