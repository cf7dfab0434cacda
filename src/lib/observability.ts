import { Logger } from '@aws-lambda-powertools/logger';
import type { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * One Logger and one Tracer per container. The service name and log level come from
 * POWERTOOLS_SERVICE_NAME / POWERTOOLS_LOG_LEVEL (set in template.yaml Globals).
 */
export const logger = new Logger();

/**
 * Whether this container traces to X-Ray: in Lambda (Tracing: Active in template.yaml) unless
 * POWERTOOLS_TRACE_ENABLED=false, never under `sam local` or the local stack (AWS_SAM_LOCAL).
 */
export function tracingEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return (
    env.POWERTOOLS_TRACE_ENABLED !== 'false' &&
    env.AWS_SAM_LOCAL !== 'true' &&
    (env.AWS_EXECUTION_ENV ?? '').startsWith('AWS_Lambda_')
  );
}

/**
 * The Powertools Tracer is imported only when the container will trace. Its X-Ray SDK costs about
 * 20 ms of init and, through cls-hooked, hooks every promise even when tracing is off; a container
 * that does not trace (tests, the local stack, POWERTOOLS_TRACE_ENABLED=false) should pay neither.
 */
export const tracer: Tracer | undefined = tracingEnabled()
  ? new (await import('@aws-lambda-powertools/tracer')).Tracer()
  : undefined;

/** Instruments an AWS SDK v3 client for X-Ray when tracing (build clients once per container). */
export function traced<T extends object>(client: T): T {
  return tracer ? tracer.captureAWSv3Client(client) : client;
}

/** Attaches an unexpected error to the current trace, when tracing. */
export function traceError(error: Error): void {
  tracer?.addErrorAsMetadata(error);
}
