/**
 * The one place where API events become responses: find the operation API Gateway matched
 * (`requestContext.operationName`) in the operations table, validate the request against it, require the caller's
 * identity on secured operations, run the operation, and answer every error with problem+json
 * (src/lib/http/problems.ts). What the operation recorded is flushed at the end (src/lib/metrics.ts).
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { DefaultedParameters, operations } from '../../../api/schema.js';
import type { Caller } from '../caller.js';
import { DomainError, NotFoundError } from '../errors.js';
import { withMetrics } from '../metrics.js';
import { logger, traceError } from '../observability.js';
import { operationEntry, type OperationId } from '../operations.js';
import type { Validators } from '../validation.js';
import { callerOf } from './identity.js';
import { parseRequest } from './request.js';
import { problem } from './response.js';

type Op<K extends OperationId> = operations[K];
export type BodyOf<K extends OperationId> =
  Op<K> extends { requestBody: { content: { 'application/json': infer B } } } ? B : undefined;
/** The query parameters of an operation, those with a contract default always present (the parser fills them in). */
export type QueryOf<K extends OperationId> =
  Op<K> extends { parameters: { query?: infer Q } }
    ? [Q] extends [undefined]
      ? Record<string, never>
      : WithDefaults<NonNullable<Q>, K extends keyof DefaultedParameters ? DefaultedParameters[K] : never>
    : Record<string, never>;
type WithDefaults<Q, D> = D extends { query: infer N extends keyof Q } ? Q & Required<Pick<Q, N>> : Q;
export type PathOf<K extends OperationId> =
  Op<K> extends { parameters: { path: infer P } }
    ? [P] extends [undefined]
      ? Record<string, never>
      : P
    : Record<string, never>;

export interface ApiRequest<K extends OperationId> {
  operationId: K;
  event: APIGatewayProxyEvent;
  body: BodyOf<K>;
  path: PathOf<K>;
  query: QueryOf<K>;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** The verified caller; present on every secured operation. */
  caller: Caller;
}

export type OperationHandler<K extends OperationId> = (
  request: ApiRequest<K>,
) => Promise<APIGatewayProxyResult> | APIGatewayProxyResult;
export type OperationHandlers<K extends OperationId> = { [P in K]: OperationHandler<P> };
/**
 * Per operation served, its group of api/validators.js, imported by name (`import { getUser } from
 * '../../api/validators.js'`): a static import, so the function's bundle keeps only these
 * operations' validators (every operation's, looked up by name at run time, would all stay).
 */
export type OperationValidators<K extends OperationId> = { [P in K]: Validators };

const ANONYMOUS: Caller = { sub: '', email: '', groups: [], isAdmin: false };

export function httpHandler<K extends OperationId>(
  handlers: OperationHandlers<K>,
  validators: OperationValidators<K>,
) {
  const handleRequest = async (
    event: APIGatewayProxyEvent,
    context?: Context,
  ): Promise<APIGatewayProxyResult> => {
    if (context) logger.addContext(context);
    // API Gateway REST sets operationName to the matched method's operationId (absent from @types/aws-lambda).
    const operationId = (event.requestContext as { operationName?: string } | undefined)?.operationName ?? '';
    logger.appendKeys({ operationId, requestId: event.requestContext?.requestId });
    try {
      const handle = Object.hasOwn(handlers, operationId)
        ? (handlers as unknown as Record<string, OperationHandler<K>>)[operationId]
        : undefined;
      const op = operationEntry(operationId);
      const group = Object.hasOwn(validators, operationId)
        ? (validators as Record<string, Validators>)[operationId]
        : undefined;
      if (!handle || !op || !group)
        throw new NotFoundError(`This function does not serve operation "${operationId}".`);
      const caller = op.secured ? callerOf(event) : ANONYMOUS;
      if (caller.sub) logger.appendKeys({ caller: caller.sub });
      const parsed = parseRequest(event, op, group);
      const result = await handle({
        operationId: operationId as K,
        event,
        caller,
        body: parsed.body as BodyOf<K>,
        path: parsed.path as PathOf<K>,
        query: parsed.query as QueryOf<K>,
        headers: parsed.headers,
      });
      logger.info('request handled', { statusCode: result.statusCode });
      return result;
    } catch (error) {
      const answer = problem(error);
      if (error instanceof DomainError)
        logger.info('request refused', { statusCode: answer.statusCode, detail: error.detail });
      else {
        logger.error('request failed', error as Error);
        traceError(error as Error);
      }
      return answer;
    } finally {
      logger.removeKeys(['operationId', 'requestId', 'caller']);
    }
  };
  return withMetrics(handleRequest);
}
