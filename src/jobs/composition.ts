/**
 * How each jobs function is put together: its settings (what it reads from the environment, each
 * variable declared once here) and a builder that makes its service from them, on the shared AWS
 * clients (src/lib/aws-clients.ts).
 * Function entries (src/functions/) read the settings once and build once per container; tests
 * build the same services on in-memory fakes instead. A builder names only the clients it uses, so
 * a function's bundle carries no other. Every service records its metrics through the container's
 * recorder (src/lib/metrics.ts), which the function's handler wrapper flushes.
 */
import { s3Client, s3PresignClient, sqsClient } from '../lib/aws-clients.js';
import { systemClock } from '../lib/clock.js';
import { integer, text, type Config } from '../lib/config.js';
import { documentClient } from '../lib/dynamodb.js';
import { metrics } from '../lib/metrics.js';
import { PAGINATION_SECRET_ARN, paginationTokens } from '../lib/pagination-secret.js';
import { DynamoJobStore } from './aws/dynamo-job-store.js';
import { S3ResultLinks, S3ResultWriter } from './aws/s3-results.js';
import { S3UploadFiles, S3UploadLinks } from './aws/s3-uploads.js';
import { SqsJobQueue } from './aws/sqs-job-queue.js';
import { JobActions } from './actions.js';
import { DeadLetters } from './dead-letter.js';
import { JobProcessor } from './process.js';
import { JobQueries } from './status.js';
import { SubmitJobs } from './submit.js';
import { Uploads } from './uploads.js';

// Every variable a jobs function reads, once. The integer bounds are the feeding template parameters'.
const JOBS_TABLE_NAME = text('JOBS_TABLE_NAME');
const JOBS_QUEUE_URL = text('JOBS_QUEUE_URL');
const RESULTS_BUCKET_NAME = text('RESULTS_BUCKET_NAME');
/** template.yaml JobRetentionDays. */
const JOB_RETENTION_DAYS = integer('JOB_RETENTION_DAYS', { min: 1, max: 365 });
/** template.yaml PresignedUrlExpirySeconds. */
const PRESIGNED_URL_EXPIRY_SECONDS = integer('PRESIGNED_URL_EXPIRY_SECONDS', { min: 60, max: 3600 });
/** template.yaml UploadMaxBytes (5 GiB is the most one POST may upload). */
const UPLOAD_MAX_BYTES = integer('UPLOAD_MAX_BYTES', { min: 1, max: 5 * 1024 ** 3 });
/** template.yaml JobMaxReceiveCount: the same parameter feeds the jobs queue's RedrivePolicy. */
const JOB_MAX_RECEIVE_COUNT = integer('JOB_MAX_RECEIVE_COUNT', { min: 1, max: 1000 });

export const SUBMIT_SETTINGS = {
  tableName: JOBS_TABLE_NAME,
  queueUrl: JOBS_QUEUE_URL,
  retentionDays: JOB_RETENTION_DAYS,
  bucket: RESULTS_BUCKET_NAME,
  uploadMaxBytes: UPLOAD_MAX_BYTES,
  linkExpirySeconds: PRESIGNED_URL_EXPIRY_SECONDS,
};

/** What the submit function serves: submitting, upload links, and retry and cancel. */
export interface SubmitServices {
  jobs: SubmitJobs;
  uploads: Uploads;
  actions: JobActions;
}

export function submitServices(config: Config<typeof SUBMIT_SETTINGS>): SubmitServices {
  const store = new DynamoJobStore(documentClient(), config.tableName);
  const queue = new SqsJobQueue(sqsClient(), config.queueUrl);
  return {
    jobs: new SubmitJobs({
      store,
      queue,
      retentionDays: config.retentionDays,
      clock: systemClock,
      metrics,
      files: new S3UploadFiles(s3Client(), config.bucket),
    }),
    // Signing is local (no request): the uninstrumented client, as for result links.
    uploads: new Uploads({
      links: new S3UploadLinks(s3PresignClient(), config.bucket),
      maxBytes: config.uploadMaxBytes,
      linkExpirySeconds: config.linkExpirySeconds,
      clock: systemClock,
      metrics,
    }),
    actions: new JobActions({ store, queue, clock: systemClock }),
  };
}

export const QUERY_SETTINGS = {
  tableName: JOBS_TABLE_NAME,
  resultsBucket: RESULTS_BUCKET_NAME,
  urlExpirySeconds: PRESIGNED_URL_EXPIRY_SECONDS,
  paginationSecretArn: PAGINATION_SECRET_ARN,
};

/** The pagination key is read from Secrets Manager by the first listing: build it once per container. */
export function jobQueries(config: Config<typeof QUERY_SETTINGS>): JobQueries {
  return new JobQueries({
    store: new DynamoJobStore(documentClient(), config.tableName),
    links: new S3ResultLinks(s3PresignClient(), config.resultsBucket),
    urlExpirySeconds: config.urlExpirySeconds,
    tokens: paginationTokens(config.paginationSecretArn),
  });
}

export const PROCESSOR_SETTINGS = {
  tableName: JOBS_TABLE_NAME,
  resultsBucket: RESULTS_BUCKET_NAME,
};

export function jobProcessor(config: Config<typeof PROCESSOR_SETTINGS>): JobProcessor {
  return new JobProcessor({
    store: new DynamoJobStore(documentClient(), config.tableName),
    results: new S3ResultWriter(s3Client(), config.resultsBucket),
    files: new S3UploadFiles(s3Client(), config.resultsBucket),
    clock: systemClock,
    metrics,
  });
}

export const DEAD_LETTER_SETTINGS = {
  tableName: JOBS_TABLE_NAME,
  maxReceiveCount: JOB_MAX_RECEIVE_COUNT,
};

export function deadLetters(config: Config<typeof DEAD_LETTER_SETTINGS>): DeadLetters {
  return new DeadLetters({
    store: new DynamoJobStore(documentClient(), config.tableName),
    maxReceiveCount: config.maxReceiveCount,
    clock: systemClock,
    metrics,
  });
}
