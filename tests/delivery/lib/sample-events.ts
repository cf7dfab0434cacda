/**
 * events/*.json are what `sam local invoke -e` sends and what the unit tests load, so they must stay
 * true to the spec and to what AWS sends: an API Gateway proxy event names an operation routed to
 * its function, with the method, resource, path and (for secured operations) authorizer context
 * API Gateway would give it and a body the operation accepts; an authorizer event has the type the
 * spec's authorizer declares; an SQS event is a batch of SQS records; a CodeDeploy lifecycle hook
 * event carries the deployment's id and the hook execution's id
 * (https://docs.aws.amazon.com/codedeploy/latest/userguide/reference-appspec-file-structure-hooks.html#reference-appspec-file-structure-hooks-section-structure-lambda-sample-function).
 */
import type { JsonObject } from 'sam-local/template';
import { isObject, text } from './json.js';

export type FunctionKind =
  | { kind: 'api'; operations: string[] }
  | { kind: 'authorizer'; type: 'TOKEN' | 'REQUEST' }
  | { kind: 'sqs' }
  | { kind: 'codedeploy-hook' }
  | { kind: 'other' };

export interface OperationFacts {
  method: string;
  path: string;
  secured: boolean;
  /** Problems with a JSON body, or undefined when the operation takes none. */
  bodyProblems?: (body: unknown) => string[];
}

export interface EventContext {
  operation: (operationId: string) => OperationFacts | undefined;
  /** The function an operation's aws_proxy integration invokes. */
  functionOf: (operationId: string) => string | undefined;
}

/** API Gateway hands an authorizer's context to the integration as strings, numbers and booleans only. */
const contextValueOk = (v: unknown) => ['string', 'number', 'boolean'].includes(typeof v);

function apiEventProblems(name: string, e: JsonObject, fn: string | undefined, ctx: EventContext): string[] {
  const problems: string[] = [];
  const rc = isObject(e.requestContext) ? e.requestContext : {};
  const operationId = typeof rc.operationName === 'string' ? rc.operationName : '';
  const op = ctx.operation(operationId);
  if (!op)
    return [
      `${name}: requestContext.operationName ${JSON.stringify(operationId)} is no operation of the spec`,
    ];
  const target = ctx.functionOf(operationId);
  if (fn && target !== fn) problems.push(`${name}: ${operationId} is routed to ${target}, not ${fn}`);
  if (e.httpMethod !== op.method || rc.httpMethod !== op.method)
    problems.push(`${name}: httpMethod should be ${op.method} for ${operationId}`);
  if (e.resource !== op.path || rc.resourcePath !== op.path)
    problems.push(`${name}: resource and requestContext.resourcePath should be ${op.path}`);
  const params = isObject(e.pathParameters) ? e.pathParameters : {};
  const path = op.path.replace(/\{([^}]+)\}/g, (_, p: string) => text(params[p] ?? `{${p}}`));
  if (e.path !== path)
    problems.push(`${name}: path ${text(e.path)} does not match ${op.path} with its pathParameters`);
  const authorizer = rc.authorizer;
  if (op.secured) {
    if (!isObject(authorizer))
      problems.push(`${name}: ${operationId} is secured but has no requestContext.authorizer`);
    else {
      for (const key of ['principalId', 'sub', 'email', 'groups'])
        if (typeof authorizer[key] !== 'string')
          problems.push(`${name}: requestContext.authorizer.${key} is not a string`);
      for (const [key, value] of Object.entries(authorizer))
        if (!contextValueOk(value))
          problems.push(`${name}: authorizer context ${key} is not a string, number or boolean`);
    }
  } else if (authorizer !== null && authorizer !== undefined) {
    problems.push(`${name}: ${operationId} is public, so API Gateway sends no authorizer context`);
  }
  if (op.bodyProblems) {
    let body: unknown;
    try {
      body = typeof e.body === 'string' ? (JSON.parse(e.body) as unknown) : undefined;
    } catch {
      body = undefined;
    }
    if (body === undefined) problems.push(`${name}: ${operationId} takes a JSON body; body is not one`);
    else problems.push(...op.bodyProblems(body).map((p) => `${name}: body ${p}`));
  }
  return problems;
}

function authorizerEventProblems(name: string, e: JsonObject, type: 'TOKEN' | 'REQUEST'): string[] {
  const problems: string[] = [];
  if (e.type !== type)
    problems.push(`${name}: the spec's authorizer receives ${type} events, not ${text(e.type)}`);
  if (
    typeof e.methodArn !== 'string' ||
    !/^arn:aws[a-z-]*:execute-api:[a-z0-9-]+:\d{12}:\w+\/[^/]+\/[A-Z]+\//.test(e.methodArn)
  )
    problems.push(`${name}: methodArn is not an execute-api method ARN`);
  if (type === 'TOKEN' && typeof e.authorizationToken !== 'string')
    problems.push(`${name}: a TOKEN event carries authorizationToken`);
  if (type === 'REQUEST' && !isObject(e.headers)) problems.push(`${name}: a REQUEST event carries headers`);
  return problems;
}

function hookEventProblems(name: string, e: JsonObject): string[] {
  return ['DeploymentId', 'LifecycleEventHookExecutionId']
    .filter((key) => typeof e[key] !== 'string' || e[key] === '')
    .map((key) => `${name}: a CodeDeploy hook event carries ${key}`);
}

function sqsEventProblems(name: string, e: JsonObject): string[] {
  const records = Array.isArray(e.Records) ? e.Records : [];
  if (records.length === 0) return [`${name}: an SQS event is a non-empty Records batch`];
  return records.flatMap((r, i) => {
    const rec = isObject(r) ? r : {};
    const problems: string[] = [];
    for (const key of ['messageId', 'receiptHandle', 'body', 'md5OfBody'])
      if (typeof rec[key] !== 'string') problems.push(`${name}: Records[${i}].${key} is not a string`);
    if (rec.eventSource !== 'aws:sqs') problems.push(`${name}: Records[${i}].eventSource is not aws:sqs`);
    if (typeof rec.eventSourceARN !== 'string' || !rec.eventSourceARN.startsWith('arn:aws:sqs:'))
      problems.push(`${name}: Records[${i}].eventSourceARN is not an SQS queue ARN`);
    const attributes = isObject(rec.attributes) ? rec.attributes : {};
    if (typeof attributes.ApproximateReceiveCount !== 'string')
      problems.push(`${name}: Records[${i}].attributes.ApproximateReceiveCount is not a string`);
    return problems;
  });
}

/**
 * Problems with one sample event. `owner` is the function whose default event this is
 * (events/<handler module>.json), with its kind; other events are checked by their shape alone.
 */
export function sampleEventProblems(
  name: string,
  event: unknown,
  ctx: EventContext,
  owner?: { logicalId: string; kind: FunctionKind },
): string[] {
  if (!isObject(event)) return [`${name}: not a JSON object`];
  const shape =
    typeof event.httpMethod === 'string'
      ? 'api'
      : Array.isArray(event.Records)
        ? 'sqs'
        : 'DeploymentId' in event
          ? 'codedeploy-hook'
          : 'authorizer';
  const kind = owner?.kind;
  if (kind && kind.kind !== 'other' && kind.kind !== shape)
    return [
      `${name}: ${owner.logicalId} receives ${kind.kind} events, this is shaped like an ${shape} event`,
    ];
  if (shape === 'api') return apiEventProblems(name, event, owner?.logicalId, ctx);
  if (shape === 'sqs') return sqsEventProblems(name, event);
  if (shape === 'codedeploy-hook') return hookEventProblems(name, event);
  const type = kind?.kind === 'authorizer' ? kind.type : event.type === 'REQUEST' ? 'REQUEST' : 'TOKEN';
  return authorizerEventProblems(name, event, type);
}

/** Event names the tests load: `loadEvent('x')`, `loadEvent<T>('x')`, `apiEvent('x', ...)`. */
export function eventsUsedBy(source: string): string[] {
  return [...source.matchAll(/\b(?:loadEvent|apiEvent)\s*(?:<[^>]*>)?\(\s*['"]([^'"]+)['"]/g)].map(
    (m) => m[1] as string,
  );
}
