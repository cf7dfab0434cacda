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
 * The Powertools Tracer is imported only when the container will trace, and it is not in the bundle:
 * template.yaml marks it External and attaches the Powertools layer, which provides it (and the
 * X-Ray SDK) under /opt/nodejs/node_modules; Lambda resolves ES module imports from layers on
 * Node.js 18 and later (https://repost.aws/knowledge-center/lambda-import-module-error-nodejs,
 * https://docs.aws.amazon.com/powertools/typescript/latest/getting-started/lambda-layers/).
 * The Tracer with its X-Ray SDK is about 120 KB of code and, through cls-hooked, hooks every promise;
 * a container that does not trace (tests, the local stack, POWERTOOLS_TRACE_ENABLED=false) carries
 * and runs none of it. A tracing container without the layer logs why and runs untraced.
 */
async function loadTracer(): Promise<Tracer | undefined> {
  if (!tracingEnabled()) return undefined;
  try {
    return new (await import('@aws-lambda-powertools/tracer')).Tracer();
  } catch (error) {
    logger.warn(
      'tracing is on, but @aws-lambda-powertools/tracer does not load: is the Powertools layer attached?',
      {
        error,
      },
    );
    return undefined;
  }
}

export const tracer: Tracer | undefined = await loadTracer();

/** Instruments an AWS SDK v3 client for X-Ray when tracing (build clients once per container). */
export function traced<T extends object>(client: T): T {
  return tracer ? tracer.captureAWSv3Client(client) : client;
}

/** Attaches an unexpected error to the current trace, when tracing. */
export function traceError(error: Error): void {
  tracer?.addErrorAsMetadata(error);
}
