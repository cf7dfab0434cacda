/**
 * The local stack: everything `npm start` runs, from the SAM template alone. Emulators for the
 * services the template uses (unless AWS_ENDPOINT_URL[_<SERVICE>] already names one), every
 * resource created from the template, each function in its own worker thread with the environment
 * Lambda would give it, the REST API from its OpenAPI definition, and SQS event sources polled.
 * It knows SAM and API Gateway, not this application: nothing here imports from src/.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, stop as stopEsbuild } from 'esbuild';
import { Authorizers } from './apigw/authorizer.js';
import { ApiImportCheckFailed, checkTemplateApis, hasErrors } from './apigw/check-template.js';
import { compileDefinition, type ApiDefinition } from './apigw/definition.js';
import { GatewayResponses } from './apigw/gateway-responses.js';
import { startGateway, type RunningGateway } from './apigw/server.js';
import type { CliOptions } from './args.js';
import {
  createClients,
  destroyClients,
  ENDPOINT_ENV,
  LOCAL_CREDENTIALS,
  SERVICES,
  type AwsClients,
  type Service,
} from './aws.js';
import type { Emulators } from './emulators/index.js';
import { FunctionBuilder } from './lambda/build.js';
import { functionEnvironment, loadEnvFile, runtimeInfo } from './lambda/environment.js';
import { LocalFunction, type InvokeOutcome } from './lambda/function.js';
import { formatFunctionLine } from './lambda/logs.js';
import { flush, line, warn } from './log.js';
import { provisionAll } from './provision/index.js';
import { printSummary } from './summary.js';
import { seedUser, type SeededUser } from './provision/seed-user.js';
import { publishStackOutputs, type ServedApi } from './stack-outputs.js';
import { createStaticHandler, staticSiteProblems } from './static-files.js';
import { StartError } from './errors.js';
import {
  parameterValues,
  resolveIntrinsics,
  type IntrinsicContext,
  type ResourceValues,
} from './sam/intrinsics.js';
import { activeTemplate, evaluateConditions } from './sam/conditions.js';
import { functionsOf, text, type JsonObject, type SamTemplate } from './sam/template.js';
import { SqsPoller, type EventSourceMapping } from './sqs/event-source.js';

export const ACCOUNT_ID = '123456789012';

export interface LocalStack {
  url: string;
  port: number;
  endpoints: Partial<Record<Service, string>>;
  awsEnv: Record<string, string>;
  seededUser?: SeededUser;
  stop(): Promise<void>;
}

function stackNameFor(template: SamTemplate, explicit?: string): string {
  if (explicit) return explicit;
  const pkg = join(template.dir, 'package.json');
  let name = basename(template.dir);
  if (existsSync(pkg)) {
    const parsed = JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string };
    if (parsed.name) name = parsed.name.replace(/^@[^/]+\//, '');
  }
  return name.replace(/[^A-Za-z0-9-]/g, '-').replace(/^-+|-+$/g, '') || 'local';
}

async function buildWorkerHost(outdir: string): Promise<string> {
  const outfile = join(outdir, 'worker-host.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./lambda/worker-host.ts', import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
  });
  return outfile;
}

/** What boot.ts has done before this module loaded: the template read, the emulators starting. */
export interface EarlyStart {
  startedAt: number;
  template: SamTemplate;
  used: ReadonlySet<Service>;
  emulators: Promise<Emulators>;
}

/** Workers per function: the template's ReservedConcurrentExecutions, else a few (this is one machine). */
const DEFAULT_FUNCTION_CONCURRENCY = 4;
function functionConcurrency(reserved: unknown): number {
  const n = Number(reserved);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_FUNCTION_CONCURRENCY;
}

export async function startLocalStack(options: CliOptions, early: EarlyStart): Promise<LocalStack> {
  const t0 = early.startedAt;
  let template = early.template;
  // LOCAL_STACK_TIMINGS=1 prints how long each start-up phase took (for tuning start-up time).
  const mark = (phase: string) => {
    if (process.env.LOCAL_STACK_TIMINGS) line(`  [timing] ${phase}: ${Date.now() - t0} ms`);
  };
  const stackName = stackNameFor(template, options.stackName);
  const region = options.region;
  const cleanups: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const c of cleanups.splice(0).reverse()) {
      try {
        await c();
      } catch (e) {
        warn(`while stopping: ${(e as Error).message}`);
      }
    }
    flush();
  };

  // Runs last: esbuild's service process must not outlive the runner.
  cleanups.push(() => stopEsbuild());
  const emulators = early.emulators.then((e) => {
    cleanups.push(() => e.stop());
    return e;
  });
  try {
    const parameters = parameterValues(template.Parameters, options.parameterOverrides, {
      region,
      accountId: ACCOUNT_ID,
      stackName,
    });
    // As CloudFormation: resources and outputs whose Condition is false are not created.
    const conditions = evaluateConditions(template.Conditions, { parameters });
    template = activeTemplate(template, conditions);
    const functions = functionsOf(template);
    // What API Gateway would refuse, or deploy differently, does not start (npm run lint:api says the same).
    const apiCheck = checkTemplateApis(template);
    if (hasErrors(apiCheck)) {
      await emulators.catch(() => undefined); // boot.ts started them: let stop() stop them
      throw new ApiImportCheckFailed(apiCheck);
    }
    const defaultData = join(template.dir, '.local', 'data');
    const buildRoot =
      options.dataDir === defaultData
        ? join(template.dir, '.local', 'build')
        : join(options.dataDir, 'build');
    let onRebuilt: (id: string) => void = () => undefined;
    const builder = new FunctionBuilder(template, functions, buildRoot, {
      onBuilt: (id, ms, rebuilt) => {
        if (rebuilt) {
          line(`[reload] ${id} rebuilt in ${ms} ms: the next invocation loads it`);
          onRebuilt(id);
        }
      },
      onFailed: (id, message) => warn(`${id}: build failed: ${message}`),
      onDefinitionChanged: (file) =>
        warn(
          `${basename(file)} changed: routes, resources and environments are read at start; restart npm start to apply`,
        ),
    });
    cleanups.push(() => builder.dispose());
    // Up-to-date bundles are reused; the rest build in the background once the API listens (an
    // invoked function is built at once), so start-up does not wait for esbuild.
    const [hostFile, queuedBuilds, { endpoints, names: emulatorNames, external, cognitoPort }] =
      await Promise.all([buildWorkerHost(join(buildRoot, '.runtime')), builder.prepare(), emulators]);

    mark('emulators started, builds queued');
    // ---------------------------------------------------------------- resources
    const clients: AwsClients = await createClients(endpoints, region);
    cleanups.push(() => destroyClients(clients));
    const resources: Record<string, ResourceValues> = {};
    const intrinsics: IntrinsicContext = { parameters, resources, conditions };
    const apiIds = new Map<string, string>();
    for (const [id, r] of Object.entries(template.Resources)) {
      if (r.Type === 'AWS::Serverless::Function') {
        const info = runtimeInfo(
          functions.find((f) => f.logicalId === id) ?? { logicalId: id, properties: {}, metadata: {} },
          stackName,
          '',
        );
        resources[id] = {
          ref: info.functionName,
          attributes: { Arn: `arn:aws:lambda:${region}:${ACCOUNT_ID}:function:${info.functionName}` },
        };
      } else if (r.Type === 'AWS::Serverless::Api' || r.Type === 'AWS::ApiGateway::RestApi') {
        const apiId = createHash('sha1')
          .update(`${stackName}/${id}`)
          .digest('hex')
          .replace(/[^a-z]/g, '')
          .padEnd(10, 'x')
          .slice(0, 10);
        apiIds.set(id, apiId);
        resources[id] = { ref: apiId, attributes: { RootResourceId: 'root00' } };
      }
    }
    const warnings: string[] = [];
    for (const api of apiCheck) {
      if (api.unavailable) warnings.push(`${api.logicalId}: API definition not checked (${api.unavailable})`);
      for (const f of api.findings)
        warnings.push(`${api.logicalId} ${f.rule} ${f.path}: ${f.message} (${f.docUrl})`);
    }
    const provisioned = await provisionAll(
      template,
      {
        stackName,
        region,
        accountId: ACCOUNT_ID,
        clients,
        intrinsics,
        sqsVisibilityTimeout: options.sqsVisibilityTimeout,
        warn: (m) => warnings.push(m),
      },
      new Set(Object.keys(endpoints) as Service[]),
    );

    mark('resources provisioned');
    let seededUser: SeededUser | undefined;
    const pool = provisioned.resources.find((r) => r.type === 'AWS::Cognito::UserPool');
    if (pool && clients.cognito) {
      const groups = provisioned.resources
        .filter((r) => r.type === 'AWS::Cognito::UserPoolGroup' && r.attributes.UserPoolId === pool.ref)
        .map((r) => r.ref);
      const schema = ((template.Resources[pool.logicalId]?.Properties ?? {}).Schema ?? []) as JsonObject[];
      const requiredExtras = schema
        .filter((a) => a.Required === true && a.Name !== 'email')
        .map((a) => String(a.Name as string));
      try {
        seededUser = await seedUser(clients.cognito, {
          poolId: pool.ref,
          email: options.adminEmail,
          groups,
          stateFile: join(options.dataDir, 'seed-user.json'),
          extraAttributes: requiredExtras,
        });
      } catch (e) {
        warnings.push(`could not seed ${options.adminEmail}: ${(e as Error).name}: ${(e as Error).message}`);
      }
    }

    mark('user seeded');
    // ---------------------------------------------------------------- functions
    const envFile = loadEnvFile(options.envVarsPath);
    const emulated = new Set(provisioned.resources.map((r) => r.logicalId));
    const platform: Record<string, string> = {
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    };
    // Lambda runs nodejs22.x; on an older local Node the SDK's upgrade notice is noise.
    if (Number(process.versions.node.split('.')[0]) < 22)
      platform.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
    for (const [k, v] of Object.entries(process.env))
      if (k.startsWith('AWS_ENDPOINT_URL') && v) platform[k] = v;
    for (const s of SERVICES) if (endpoints[s]) platform[ENDPOINT_ENV[s]] = endpoints[s];
    // cognito-local issues tokens with iss http://127.0.0.1:<port>/<poolId>; the authorizer needs that base.
    if (cognitoPort !== undefined) platform.COGNITO_ISSUER_BASE_URL = `http://127.0.0.1:${cognitoPort}`;

    for (const id of Object.keys(options.functionEnv))
      if (id !== '*' && !functions.some((f) => f.logicalId === id))
        warnings.push(`--function-env names ${id}, which is not a function of the template`);
    const localFunctions = new Map<string, LocalFunction>();
    for (const fn of functions) {
      const info = runtimeInfo(fn, stackName, join(buildRoot, fn.logicalId));
      const { env, missing } = functionEnvironment(fn, {
        intrinsics,
        emulated,
        envFile,
        runtime: info,
        platform,
        extra: options.functionEnv,
      });
      for (const m of missing)
        warnings.push(
          `${fn.logicalId}: environment variable ${m.name} has no local value (${m.reason}); set it in env.json`,
        );
      const local = new LocalFunction({
        logicalId: fn.logicalId,
        runtime: info,
        env,
        hostFile,
        region,
        accountId: ACCOUNT_ID,
        bundle: () => builder.bundle(fn.logicalId),
        concurrency: functionConcurrency(fn.properties.ReservedConcurrentExecutions),
        onOutput: (raw) => {
          for (const l of formatFunctionLine(fn.logicalId, raw, options.jsonLogs)) line(l);
        },
      });
      localFunctions.set(fn.logicalId, local);
      cleanups.push(() => local.stop());
    }
    const invoke = async (functionId: string, event: unknown, limitMs?: number): Promise<InvokeOutcome> => {
      const fn = localFunctions.get(functionId);
      if (!fn)
        return {
          ok: false,
          kind: 'error',
          errorType: 'ResourceNotFound',
          errorMessage: `no function ${functionId}`,
          durationMs: 0,
        };
      try {
        return await fn.invoke(event, limitMs);
      } catch (e) {
        return {
          ok: false,
          kind: 'error',
          errorType: 'Runtime.Unavailable',
          errorMessage: (e as Error).message,
          durationMs: 0,
        };
      }
    };
    const authorizers = new Authorizers((id, event) => invoke(id, event, 29000));
    onRebuilt = (id) => {
      localFunctions.get(id)?.reload();
      authorizers.clear();
    };

    // ---------------------------------------------------------------- API
    const functionIds = new Set(functions.map((f) => f.logicalId));
    const apis = Object.entries(template.Resources).filter(
      ([, r]) =>
        (r.Type === 'AWS::Serverless::Api' && r.Properties?.DefinitionBody !== undefined) ||
        (r.Type === 'AWS::ApiGateway::RestApi' && r.Properties?.Body !== undefined),
    );
    for (const [id] of apis.slice(1))
      warnings.push(`API ${id} is not served: the local stack serves one REST API (${apis[0]?.[0]})`);
    for (const fn of functions) {
      const events = (fn.properties.Events ?? {}) as Record<string, JsonObject>;
      for (const [name, e] of Object.entries(events)) {
        if (e.Type === 'Api' && !(e.Properties as JsonObject | undefined)?.RestApiId)
          warnings.push(
            `${fn.logicalId} event ${name}: implicit APIs (Events of Type Api without RestApiId) are not served`,
          );
        else if (e.Type !== 'SQS' && e.Type !== 'Api')
          warnings.push(`${fn.logicalId} event ${name}: event type ${text(e.Type)} is not emulated`);
      }
    }
    let gateway: RunningGateway | undefined;
    let definition: ApiDefinition | undefined;
    let served: ServedApi | undefined;
    if (apis[0]) {
      const [apiLogicalId, api] = apis[0];
      const props = api.Properties ?? {};
      const body = (props.DefinitionBody ?? props.Body) as JsonObject;
      definition = compileDefinition(body, functionIds, intrinsics);
      warnings.push(...definition.warnings);
      const stage = text(resolveIntrinsics(props.StageName ?? 'Prod', intrinsics));
      const responses = new GatewayResponses(definition.gatewayResponses, intrinsics);
      const site = options.staticSite;
      if (site) {
        const problems = staticSiteProblems(site, [...new Set(definition.routes.map((r) => r.resourcePath))]);
        if (problems.length > 0) throw new StartError(problems.join('; '));
      }
      let apiUrl = '';
      gateway = await startGateway(
        {
          definition,
          responses,
          api: {
            apiId: apiIds.get(apiLogicalId) ?? 'localapi00',
            stage,
            accountId: ACCOUNT_ID,
            binaryMediaTypes: [
              ...definition.binaryMediaTypes,
              ...((props.BinaryMediaTypes ?? []) as string[]).map((t) => String(t).replace('~1', '/')),
            ],
          },
          region,
          authorizers,
          invoke,
          logRequest: line,
          logError: (l) => line(`  [gateway] ${l}`),
          ...(site ? { intercept: createStaticHandler(site, () => apiUrl) } : {}),
        },
        options.port,
      );
      const g = gateway;
      apiUrl = g.url;
      cleanups.push(() => g.close());
      served = { apiId: apiIds.get(apiLogicalId) ?? 'localapi00', stage, url: g.url };
    }

    mark('API listening');
    // ---------------------------------------------------------------- SQS event sources
    const mappings: EventSourceMapping[] = [];
    for (const fn of functions) {
      const events = (fn.properties.Events ?? {}) as Record<string, JsonObject>;
      for (const [name, e] of Object.entries(events)) {
        if (e.Type !== 'SQS') continue;
        const p = (e.Properties ?? {}) as JsonObject;
        if (p.Enabled === false) continue;
        try {
          const arn = text(resolveIntrinsics(p.Queue ?? null, intrinsics));
          const queue = provisioned.resources.find(
            (r) => r.type === 'AWS::SQS::Queue' && r.attributes.Arn === arn,
          );
          if (!queue) throw new Error(`queue ${arn} is not one the local stack created`);
          const types = (p.FunctionResponseTypes ?? []) as string[];
          const scaling = (p.ScalingConfig ?? {}) as JsonObject;
          mappings.push({
            eventName: `${fn.logicalId}.${name}`,
            functionId: fn.logicalId,
            queueUrl: queue.ref,
            queueArn: arn,
            batchSize: Number(p.BatchSize ?? 10),
            windowSeconds: Number(p.MaximumBatchingWindowInSeconds ?? 0),
            reportBatchItemFailures: types.includes('ReportBatchItemFailures'),
            concurrency: Math.min(Number(scaling.MaximumConcurrency ?? 2), 2),
          });
        } catch (err) {
          warnings.push(`${fn.logicalId} event ${name}: not polled (${(err as Error).message})`);
        }
      }
    }
    if (mappings.length > 0 && clients.sqs) {
      for (const m of mappings) {
        const poller = new SqsPoller(m, {
          client: clients.sqs,
          region,
          invoke: (id, ev) => invoke(id, ev),
          log: line,
        });
        poller.start();
        cleanups.push(() => poller.stop());
      }
    }

    builder.start();
    if (options.watch) builder.watch();

    // ---------------------------------------------------------------- what to print
    const awsEnv: Record<string, string> = {};
    for (const s of SERVICES) if (endpoints[s]) awsEnv[ENDPOINT_ENV[s]] = endpoints[s];
    if (process.env.AWS_ENDPOINT_URL) awsEnv.AWS_ENDPOINT_URL = process.env.AWS_ENDPOINT_URL;
    awsEnv.AWS_REGION = region;
    awsEnv.AWS_DEFAULT_REGION = region; // the AWS CLI v1 reads only this one
    awsEnv.AWS_ACCESS_KEY_ID = LOCAL_CREDENTIALS.accessKeyId;
    awsEnv.AWS_SECRET_ACCESS_KEY = LOCAL_CREDENTIALS.secretAccessKey;

    printSummary({
      stackName,
      gateway,
      definition,
      endpoints,
      emulatorNames,
      external,
      dataDir: options.dataDir,
      resources: provisioned.resources,
      notEmulated: provisioned.notEmulated,
      mappings,
      awsEnv,
      warnings,
      seededUser,
      watch: options.watch,
    });
    if (!gateway) warn('the template defines no REST API with a DefinitionBody: nothing listens on --port');
    else if (options.staticSite) {
      // Not part of API Gateway: say so where the routes are listed.
      line(`Static files on the API's port (local only, not API Gateway; GET and HEAD):`);
      for (const m of options.staticSite.mounts) line(`  ${gateway.url}${m.prefix} -> ${m.dir}`);
      if (options.staticSite.configPath)
        line(`  ${gateway.url}${options.staticSite.configPath} -> {"apiUrl": "${gateway.url}"}`);
    }
    line(
      `(started in ${Date.now() - t0} ms; ${functions.length - queuedBuilds.length} function bundle(s) reused, ` +
        `${queuedBuilds.length} building in the background)`,
    );
    cleanups.push(
      await publishStackOutputs({
        outputs: template.Outputs,
        intrinsics,
        served,
        stackName,
        environment: awsEnv,
        dataDir: options.dataDir,
        outputsFile: options.outputsFile,
        log: line,
        warn,
      }),
    );
    const url = gateway?.url ?? '';
    line(`Local stack ready at ${url}`);
    flush();
    return { url, port: gateway?.port ?? 0, endpoints, awsEnv, seededUser, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
