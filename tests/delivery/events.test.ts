/** events/*.json: one per function, each parsed, true to the spec and to AWS, and loaded by a test. */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { JsonObject } from 'sam-local/template';
import * as validators from '../../api/validators.js';
import { operationEntry } from '../../src/lib/operations.js';
import { fieldErrors, precompiled, type Validators } from '../../src/lib/validation.js';
import { projectRoot } from '../support/paths.js';
import { functionInUri, functionOf, gateway, samFunctions, specOperations } from '../support/project.js';
import {
  eventsUsedBy,
  sampleEventProblems,
  type EventContext,
  type FunctionKind,
} from './lib/sample-events.js';

const eventsDir = join(projectRoot, 'events');
const eventFiles = readdirSync(eventsDir).filter((f) => f.endsWith('.json'));
const parsed = new Map<string, { event?: unknown; error?: string }>(
  eventFiles.map((file) => {
    try {
      return [
        basename(file, '.json'),
        { event: JSON.parse(readFileSync(join(eventsDir, file), 'utf8')) as unknown },
      ];
    } catch (e) {
      return [basename(file, '.json'), { error: (e as Error).message }];
    }
  }),
);

const routedTo = new Map(specOperations().map(({ op }) => [op.operationId as string, functionOf(op)]));

const ctx: EventContext = {
  functionOf: (operationId) => routedTo.get(operationId),
  operation: (operationId) => {
    const op = operationEntry(operationId);
    if (!op) return undefined;
    const body = op.body;
    return {
      method: op.method,
      path: op.path,
      secured: op.secured,
      ...(body
        ? {
            bodyProblems: (value: unknown) => {
              // The operation's own group, as its function passes it to httpHandler.
              const group = (validators as unknown as Record<string, Validators>)[operationId] ?? {};
              const validate = precompiled(group, body.validator);
              return validate(value)
                ? []
                : fieldErrors(validate.errors).map((e) => `${e.pointer || '/'} ${e.message}`);
            },
          }
        : {}),
    };
  },
};

// The authorizers as deployed: the generated definition's security schemes.
const authorizers = Object.values(
  (gateway.components.securitySchemes ?? {}) as Record<string, JsonObject>,
).map((s) => s['x-amazon-apigateway-authorizer'] as { type?: string; authorizerUri?: unknown } | undefined);

// Functions CodeDeploy invokes as a DeploymentPreference hook.
const deploymentHooks = new Set(
  samFunctions.flatMap((f) =>
    [...JSON.stringify(f.properties.DeploymentPreference ?? {}).matchAll(/"Ref":"([A-Za-z0-9]+)"/g)]
      .map((m) => m[1] as string)
      .filter((id) => samFunctions.some((g) => g.logicalId === id)),
  ),
);

function kindOf(logicalId: string, events: unknown): FunctionKind {
  const operations = [...routedTo].filter(([, fn]) => fn === logicalId).map(([id]) => id);
  if (operations.length > 0) return { kind: 'api', operations };
  const authorizer = authorizers.find((a) => functionInUri(a?.authorizerUri) === logicalId);
  if (authorizer) return { kind: 'authorizer', type: authorizer.type === 'request' ? 'REQUEST' : 'TOKEN' };
  if (deploymentHooks.has(logicalId)) return { kind: 'codedeploy-hook' };
  const types = Object.values((events ?? {}) as Record<string, { Type?: string }>).map((e) => e.Type);
  return types.includes('SQS') ? { kind: 'sqs' } : { kind: 'other' };
}

/** events/<handler module>.json, the event `sam local invoke <Fn> -e` is documented with. */
const defaultEventOf = (handler: unknown) => basename(String(handler).replace(/\.[^.]+$/, ''));

function testSources(dir: string): { file: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return d.name === 'node_modules' ? [] : testSources(path);
    return d.name.endsWith('.ts')
      ? [{ file: relative(projectRoot, path), text: readFileSync(path, 'utf8') }]
      : [];
  });
}

// These checks name events only as data: they do not count as using them.
const loadedByTests = new Set(
  testSources(join(projectRoot, 'tests'))
    .filter((s) => !s.file.startsWith('tests/delivery/'))
    .flatMap((s) => eventsUsedBy(s.text)),
);
const unusedEvents = (names: string[]) => names.filter((name) => !loadedByTests.has(name));

describe('events/', () => {
  it('every file parses as JSON', () => {
    const broken = [...parsed].filter(([, p]) => p.error).map(([name, p]) => `${name}.json: ${p.error}`);
    expect(broken).toEqual([]);
  });

  it('every function has its event, events/<handler module>.json', () => {
    const missing = samFunctions
      .map((f) => `${defaultEventOf(f.properties.Handler)}.json (${f.logicalId})`)
      .filter((name) => !parsed.has(name.split('.json')[0]!));
    expect(missing).toEqual([]);
  });

  it('every event is true to the spec and to what AWS sends', () => {
    const owners = new Map(
      samFunctions.map((f) => [
        defaultEventOf(f.properties.Handler),
        { logicalId: f.logicalId, kind: kindOf(f.logicalId, f.properties.Events) },
      ]),
    );
    const problems = [...parsed]
      .filter(([, p]) => !p.error)
      .flatMap(([name, p]) => sampleEventProblems(name, p.event, ctx, owners.get(name)));
    expect(problems).toEqual([]);
  });

  it('every event is loaded by a test (loadEvent or apiEvent), so it cannot rot', () => {
    expect(unusedEvents([...parsed.keys()])).toEqual([]);
  });

  describe('would catch a mistake', () => {
    const health = parsed.get('health')?.event as JsonObject & { requestContext: JsonObject };
    const owner = { logicalId: 'HealthFunction', kind: kindOf('HealthFunction', undefined) };

    it('an API event naming an operation of another function', () => {
      const broken = structuredClone(health);
      broken.requestContext.operationName = 'getOpenApi';
      expect(sampleEventProblems('health', broken, ctx, owner)).toEqual(
        expect.arrayContaining(['health: getOpenApi is routed to OpenApiFunction, not HealthFunction']),
      );
    });

    it('a path that does not match the resource', () => {
      const broken = structuredClone(health);
      broken.path = '/healthz';
      expect(sampleEventProblems('health', broken, ctx, owner)).toEqual([
        'health: path /healthz does not match /health with its pathParameters',
      ]);
    });

    it('an authorizer context on a public operation', () => {
      const broken = structuredClone(health);
      broken.requestContext.authorizer = { principalId: 'x', sub: 'x', email: 'a@example.com', groups: '' };
      expect(sampleEventProblems('health', broken, ctx, owner)).toEqual([
        'health: getHealth is public, so API Gateway sends no authorizer context',
      ]);
    });

    it('a secured operation without its authorizer context, or with a body the operation refuses', () => {
      const submit = {
        ...structuredClone(health),
        resource: '/submit-job-request',
        path: '/submit-job-request',
        httpMethod: 'POST',
        body: JSON.stringify({ jobType: 'no-such-type', payload: {} }),
        requestContext: {
          ...structuredClone(health.requestContext),
          operationName: 'submitJob',
          httpMethod: 'POST',
          resourcePath: '/submit-job-request',
        },
      };
      const problems = sampleEventProblems('submit', submit, ctx);
      expect(problems).toContain('submit: submitJob is secured but has no requestContext.authorizer');
      expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^submit: body \/jobType /)]));
    });

    it('an event of the wrong kind for its function, or an SQS record without its source', () => {
      const sqsOwner = { logicalId: 'JobProcessorFunction', kind: { kind: 'sqs' } as FunctionKind };
      expect(sampleEventProblems('job-processor', health, ctx, sqsOwner)).toEqual([
        'job-processor: JobProcessorFunction receives sqs events, this is shaped like an api event',
      ]);
      const record = { messageId: 'm', receiptHandle: 'r', body: '{}', md5OfBody: 'x', attributes: {} };
      expect(sampleEventProblems('batch', { Records: [record] }, ctx, sqsOwner)).toEqual([
        'batch: Records[0].eventSource is not aws:sqs',
        'batch: Records[0].eventSourceARN is not an SQS queue ARN',
        'batch: Records[0].attributes.ApproximateReceiveCount is not a string',
      ]);
    });

    it('an authorizer event of the type the spec does not declare', () => {
      const authOwner = {
        logicalId: 'AuthorizerFunction',
        kind: { kind: 'authorizer', type: 'TOKEN' } as FunctionKind,
      };
      const request = {
        type: 'REQUEST',
        methodArn: 'arn:aws:execute-api:us-east-1:123456789012:abc123/dev/GET/jobs',
        headers: {},
      };
      expect(sampleEventProblems('authorizer', request, ctx, authOwner)).toEqual([
        "authorizer: the spec's authorizer receives TOKEN events, not REQUEST",
        'authorizer: a TOKEN event carries authorizationToken',
      ]);
    });

    it('a CodeDeploy hook event without the ids the hook reports back, or one given to an API function', () => {
      const hookOwner = {
        logicalId: 'PreTrafficHookFunction',
        kind: { kind: 'codedeploy-hook' } as FunctionKind,
      };
      expect(sampleEventProblems('hook', { DeploymentId: 'd-1' }, ctx, hookOwner)).toEqual([
        'hook: a CodeDeploy hook event carries LifecycleEventHookExecutionId',
      ]);
      expect(sampleEventProblems('hook', health, ctx, hookOwner)).toEqual([
        'hook: PreTrafficHookFunction receives codedeploy-hook events, this is shaped like an api event',
      ]);
    });

    it('an event that no test loads', () => {
      expect(unusedEvents([...parsed.keys(), 'orphan'])).toEqual(['orphan']);
    });

    it('finds the event names tests load, in every form', () => {
      expect(
        eventsUsedBy(`apiEvent('ev-a', { body }); loadEvent<SQSEvent>("ev-b"); loadEvent( 'ev-c')`),
      ).toEqual(['ev-a', 'ev-b', 'ev-c']);
    });
  });
});
