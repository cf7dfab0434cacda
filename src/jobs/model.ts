/**
 * The job record as it lives in the jobs table, and the only state moves it may make.
 * State moves forward only (queued -> processing -> complete | failed; queued -> cancelled), with
 * one way back that only the owner takes: a retry moves a failed job to queued. Every move is a
 * conditional write naming the states it may start from, so at-least-once delivery can never undo
 * a finished job, and a retry or cancel that races the processor changes nothing.
 */
import type { components } from '../../api/schema.js';

export type JobType = components['schemas']['JobType'];
export type JobStatus = components['schemas']['JobStatus'];
export type JobView = components['schemas']['Job'];

export interface JobKey {
  /** The submitter's Cognito `sub`: the partition key, so a lookup is always owner-scoped. */
  ownerId: string;
  jobId: string;
}

export interface JobRecord extends JobKey {
  jobType: JobType;
  jobStatus: JobStatus;
  /**
   * The submitted payload as a JSON string (at most 256 KiB; a DynamoDB item may hold 400 KB). For a
   * job over an uploaded file, `{"uploadId": ...}`: the file itself is at `uploadKey`.
   */
  payload: string;
  /** The S3 key of the uploaded file a file job reads (uploadKeyOf), absent for an inline payload. */
  uploadKey?: string;
  /** sha256 of the canonical request body, kept for Idempotency-Key replays. */
  requestHash: string;
  createdAt: string;
  updatedAt: string;
  /** Epoch seconds: the table's TTL attribute. */
  expiresAt: number;
  /** How many times a processor moved the job to `processing`. */
  attempts: number;
  /** The S3 key of the result, once complete. */
  resultKey?: string;
  /** Why the job failed, once failed. */
  error?: string;
}

/** A job as listed or shown: the record without its payload, request hash, expiry or attempt count. */
export type JobSummary = Pick<
  JobRecord,
  'ownerId' | 'jobId' | 'jobType' | 'jobStatus' | 'createdAt' | 'updatedAt' | 'resultKey' | 'error'
>;

/** Each field of a JobSummary once (the compiler refuses a field missing or unknown). */
const SUMMARY: Readonly<Record<keyof JobSummary, true>> = {
  ownerId: true,
  jobId: true,
  jobType: true,
  jobStatus: true,
  createdAt: true,
  updatedAt: true,
  resultKey: true,
  error: true,
};

/**
 * What a status read projects and a listing returns. The jobs table's ByOwnerCreatedAt index must
 * hold exactly these (template.yaml, its keys and NonKeyAttributes): tests/unit/jobs/summary-fields.test.ts.
 */
export const SUMMARY_FIELDS = Object.keys(SUMMARY) as (keyof JobSummary)[];

/**
 * Which states each state may move to. `processing -> processing` is a redelivery after a crash;
 * `queued -> cancelled` is the owner's cancel; `failed -> queued` is the owner's retry, the only move
 * back, made by src/jobs/actions.ts alone (the processor and the DLQ consumer never start from failed).
 */
export const TRANSITIONS: Readonly<Record<JobStatus, readonly JobStatus[]>> = {
  queued: ['processing', 'failed', 'cancelled'],
  processing: ['processing', 'complete', 'failed'],
  complete: [],
  failed: ['queued'],
  cancelled: [],
};

/** A job no delivery may process any more: complete, failed or cancelled (a retry re-queues first). */
export function isFinished(status: JobStatus): boolean {
  return !allowedSources('processing').includes(status);
}

/** The states a job may be in for a move to `to` to be allowed. */
export function allowedSources(to: JobStatus): JobStatus[] {
  return (Object.keys(TRANSITIONS) as JobStatus[]).filter((from) => TRANSITIONS[from].includes(to));
}

/**
 * The SQS message body: the job's key and its type. The type is there for the DLQ consumer, which
 * counts a failed job by type (src/lib/metric-names.ts) and may not read the record; a message queued
 * before it was added has none. The payload stays in the table (SQS caps a message at 256 KiB).
 */
export interface JobMessage extends JobKey {
  jobType?: JobType;
}

/** Each job type once (the compiler refuses a type missing or unknown): what a message may name. */
const JOB_TYPES: Readonly<Record<JobType, true>> = {
  echo: true,
  'word-count': true,
  sha256: true,
  'csv-stats': true,
};

export const isJobType = (value: unknown): value is JobType =>
  typeof value === 'string' && Object.hasOwn(JOB_TYPES, value);

/** Where a job's result is written: under the owner's prefix, deterministic so a redelivery rewrites the same object. */
export function resultKeyOf(job: JobKey): string {
  return `results/${job.ownerId}/${job.jobId}.json`;
}

/** Where a caller's upload is put: under their own prefix, so an uploadId alone can never name another user's file. */
export function uploadKeyOf(ownerId: string, uploadId: string): string {
  return `uploads/${ownerId}/${uploadId}`;
}
