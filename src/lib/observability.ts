import { Logger } from '@aws-lambda-powertools/logger';
import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * One Logger and one Tracer per container. The service name and log level come from
 * POWERTOOLS_SERVICE_NAME / POWERTOOLS_LOG_LEVEL (set in template.yaml Globals).
 * The Tracer turns itself off outside Lambda (no X-Ray daemon locally or in tests).
 */
export const logger = new Logger();
export const tracer = new Tracer();

/** Builds an AWS SDK v3 client once and instruments it for X-Ray. */
export function traced<T extends object>(client: T): T {
  return tracer.captureAWSv3Client(client);
}
