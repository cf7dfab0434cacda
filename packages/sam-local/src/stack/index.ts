/**
 * The local stack: everything `sam-local` runs, from the SAM template alone, started in phases that
 * each start and stop on their own (stack/phases/):
 *
 *   data        the data folder, locked to this runner (--fresh empties it)
 *   emulators   one per service the template uses        } started together
 *   builds      function bundles, from the build cache    }
 *   resources   every resource of the template created in the emulators, the seeded user
 *   functions   each function in worker threads, with the environment Lambda would give it
 *   gateway     the REST API from its definition on --port
 *   event sources  SQS pollers invoking their functions
 *   outputs     the template's Outputs, written once everything runs
 *
 * They stop in reverse order (Lifecycle), on stop() or when a later phase fails to start.
 * It knows SAM and API Gateway, not any one application.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ApiImportCheckFailed, checkTemplateApis, hasErrors } from '../apigw/check-template.js';
import { ACCOUNT_ID, ENDPOINT_ENV, LOCAL_CREDENTIALS, SERVICES, type Service } from '../aws.js';
import { StartError } from '../errors.js';
import { flush, line, warn } from '../log.js';
import { MetricsTally } from '../lambda/emf.js';
import { assertPortFree } from '../ports.js';
import type { SeededUser } from '../provision/seed-user.js';
import { activeTemplate, evaluateConditions } from '../sam/conditions.js';
import { parameterValues } from '../sam/intrinsics.js';
import { cachedYamlParser } from '../sam/parse-cache.js';
import { functionsOf, loadTemplate, type SamTemplate } from '../sam/template.js';
import { samTransform } from '../sam/transform.js';
import { startDataDir } from './data-dir.js';
import { Lifecycle } from './lifecycle.js';
import type { StackOptions } from './options.js';
import { startEmulatorsPhase } from './phases/emulators.js';

export type { StackOptions } from './options.js';

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

/** What the AWS CLI or an SDK needs to reach the emulators (printed, and in the outputs file). */
function awsEnvironment(endpoints: Partial<Record<Service, string>>, region: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const s of SERVICES) if (endpoints[s]) env[ENDPOINT_ENV[s]] = endpoints[s];
  if (process.env.AWS_ENDPOINT_URL) env.AWS_ENDPOINT_URL = process.env.AWS_ENDPOINT_URL;
  env.AWS_REGION = region;
  env.AWS_DEFAULT_REGION = region; // the AWS CLI v1 reads only this one
  env.AWS_ACCESS_KEY_ID = LOCAL_CREDENTIALS.accessKeyId;
  env.AWS_SECRET_ACCESS_KEY = LOCAL_CREDENTIALS.secretAccessKey;
  return env;
}

export async function startLocalStack(options: StackOptions): Promise<LocalStack> {
  const startedAt = Date.now();
  // LOCAL_STACK_TIMINGS=1 prints when each phase was up (for tuning start-up time).
  const lifecycle = new Lifecycle((phase, ms) => {
    if (process.env.LOCAL_STACK_TIMINGS)
      line(`  [timing] ${phase}: ${ms} ms (up at ${Date.now() - startedAt} ms)`);
  });
  // --metrics: what the functions' EMF lines recorded this run, printed once everything stopped.
  const tally = options.metrics ? new MetricsTally() : undefined;
  const stop = async () => {
    await lifecycle.stop();
    if (tally) {
      const summary = tally.summary();
      line(
        summary.length
          ? 'Metrics recorded this run (sum per metric and dimensions):'
          : 'No metrics recorded this run.',
      );
      for (const l of summary) line(`  ${l}`);
    }
    flush();
  };
  const warnings: string[] = [];
  const addWarning = (m: string) => warnings.push(m);
  const { region, dataDir } = options;
  try {
    await assertPortFree(options.port, 'the API');
    const cacheDir = options.cacheDir ?? join(dirname(resolve(options.templatePath)), '.local', 'cache');
    const loaded = loadTemplate(options.templatePath, cachedYamlParser(join(cacheDir, 'yaml')));
    const stackName = stackNameFor(loaded, options.stackName);
    let parameters: Record<string, string>;
    let conditions: Record<string, boolean>;
    try {
      parameters = parameterValues(loaded.Parameters, options.parameterOverrides, {
        region,
        accountId: ACCOUNT_ID,
        stackName,
      });
      conditions = evaluateConditions(loaded.Conditions, { parameters });
    } catch (e) {
      // An override the template does not declare, a condition that cannot be evaluated.
      throw new StartError((e as Error).message);
    }
    // As CloudFormation creates a stack: a resource or output whose Condition is false does not exist.
    const written = activeTemplate(loaded, conditions);
    // Then what SAM's transform makes of it: implicit APIs, SimpleTables (sam/transform.ts).
    const { template, notes } = samTransform(written);
    for (const n of notes) addWarning(n);
    const functions = functionsOf(template);
    const unknownFaults = Object.keys(options.faults).filter(
      (id) => !functions.some((f) => f.logicalId === id),
    );
    if (unknownFaults.length > 0)
      throw new StartError(
        `--fault names ${unknownFaults.join(', ')}, which is not a function of the template`,
      );
    await lifecycle.start('data', () => startDataDir(dataDir, options.fresh));

    const emulatorsUp = lifecycle.start('emulators', () =>
      startEmulatorsPhase({ template, dataDir, region, verbose: options.verbose }),
    );
    let onRebuilt: (id: string) => void = () => undefined;
    // The build cache's lookups (a stat per input) run while the emulators boot.
    const buildsUp = import('./phases/builds.js').then(({ startBuilds }) =>
      lifecycle.start('builds', () =>
        startBuilds({
          template,
          functions,
          cacheDir,
          events: {
            onBuilt: (id, ms, rebuilt) => {
              if (!rebuilt) return;
              line(`[reload] ${id} rebuilt in ${ms} ms: the next invocation loads it`);
              onRebuilt(id);
            },
            onFailed: (id, message) => warn(`${id}: build failed: ${message}`),
            onDefinitionChanged: (file) =>
              warn(
                `${basename(file)} changed: routes, resources and environments are read at start; restart sam-local to apply`,
              ),
          },
        }),
      ),
    );
    const phases = import('./phases/index.js');
    // Awaited below; if the import check fails first, stop() still waits for the phases starting.
    for (const pending of [emulatorsUp, buildsUp, phases]) pending.catch(() => undefined);
    // What API Gateway would refuse, or deploy differently, does not start (`sam-local lint-api` says the same).
    const apiCheck = checkTemplateApis(written);
    if (hasErrors(apiCheck)) throw new ApiImportCheckFailed(apiCheck);
    for (const api of apiCheck) {
      if (api.unavailable) addWarning(`${api.logicalId}: API definition not checked (${api.unavailable})`);
      for (const f of api.findings)
        addWarning(`${api.logicalId} ${f.rule} ${f.path}: ${f.message} (${f.docUrl})`);
    }

    const [emulators, builds, p] = await Promise.all([emulatorsUp, buildsUp, phases]);
    builds.startBackground(options.watch);
    const { endpoints } = emulators;
    const resources = await lifecycle.start('resources', () =>
      p.startResources({
        template,
        functions,
        stackName,
        region,
        endpoints,
        parameters,
        conditions,
        sqsVisibilityTimeout: options.sqsVisibilityTimeout,
        adminEmail: options.adminEmail,
        dataDir,
        warn: addWarning,
      }),
    );
    const { intrinsics, provisioned } = resources;
    const running = await lifecycle.start('functions', () =>
      p.startFunctions({
        functions,
        stackName,
        region,
        intrinsics,
        emulated: new Set(provisioned.resources.map((r) => r.logicalId)),
        endpoints,
        cognitoPort: emulators.cognitoPort,
        envVarsPath: options.envVarsPath,
        functionEnv: options.functionEnv,
        faults: options.faults,
        builder: builds.builder,
        hostFile: builds.hostFile,
        jsonLogs: options.jsonLogs,
        onMetrics: tally && ((metrics) => tally.add(metrics)),
        warn: addWarning,
      }),
    );
    const gateway = await lifecycle.start('gateway', () =>
      p.startGatewayPhase({
        template,
        functions,
        intrinsics,
        apiIds: resources.apiIds,
        region,
        port: options.port,
        invoke: running.invoke,
        staticSite: options.staticSite,
        // cognito-local's issuer is http://127.0.0.1:<port>/<poolId> (as its tokens say).
        cognitoIssuerBase:
          emulators.cognitoPort === undefined ? undefined : `http://127.0.0.1:${emulators.cognitoPort}`,
        strictResponses: options.strictResponses,
        warn: addWarning,
      }),
    );
    onRebuilt = (id) => {
      running.reload(id);
      gateway.authorizers.clear();
    };
    const mappings = await lifecycle.start('event sources', () =>
      p.startEventSources({
        template,
        functions,
        intrinsics,
        resources: provisioned.resources,
        sqs: resources.clients.sqs,
        region,
        invoke: running.invoke,
        // Next in the build queue: its poller waits for it (a failed build is reported by the builder).
        deployed: (id) => builds.builder.whenBuilt(id),
        warn: addWarning,
      }),
    );

    const awsEnv = awsEnvironment(endpoints, region);
    p.printSummary({
      stackName,
      gateway: gateway.running,
      definition: gateway.definition,
      endpoints,
      emulatorNames: emulators.names,
      external: emulators.external,
      dataDir,
      resources: provisioned.resources,
      notEmulated: provisioned.notEmulated,
      mappings,
      awsEnv,
      warnings,
      seededUser: resources.seededUser,
      faults: options.faults,
      staticSite: options.staticSite,
      watch: options.watch,
    });
    if (!gateway.running)
      warn('the template defines no REST API (nor Api events): nothing listens on --port');
    const inPlace = builds.builder.inPlace().length;
    line(
      `(started in ${Date.now() - startedAt} ms; ${functions.length - builds.queued.length - inPlace} function bundle(s) ` +
        `from the build cache, ${builds.queued.length} building in the background` +
        `${inPlace > 0 ? `, ${inPlace} run in place (no BuildMethod)` : ''})`,
    );
    await lifecycle.start('outputs', () =>
      p.startOutputs({
        template,
        intrinsics,
        served: gateway.served,
        stackName,
        environment: awsEnv,
        dataDir,
        outputsFile: options.outputsFile,
      }),
    );
    const url = gateway.running?.url ?? '';
    line(`Local stack ready at ${url}`);
    flush();
    return {
      url,
      port: gateway.running?.port ?? 0,
      endpoints,
      awsEnv,
      seededUser: resources.seededUser,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
