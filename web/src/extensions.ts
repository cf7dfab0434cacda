/**
 * Where later features plug in without touching the views: actions on a job (retry, cancel) and
 * other ways to give a job its input (upload). Each is a list the views render from; a feature adds
 * its entry in its own module and imports it in main.ts. The lists start empty: nothing is shown
 * for a feature the API does not offer yet.
 */
import type { ApiClient, Job, JobType } from '../../api/client.js';

/** A button in a job's details, e.g. "Retry" for a failed job or "Cancel" for a queued one. */
export interface JobAction {
  label: string;
  /** Whether the button shows for this job (e.g. only failed jobs can be retried). */
  appliesTo(job: Job): boolean;
  /**
   * Runs the action: the client's result (a failed one is shown as its problem), or undefined.
   * A rejection is shown too; after a success the list and the details reload.
   */
  run(job: Job, api: ApiClient): Promise<{ error?: unknown; response: Response } | undefined>;
}

/** What the submit form lends a payload source. */
export interface PayloadInput {
  /** Replaces the editor's JSON (and validates it). */
  setPayload(payload: Record<string, unknown>): void;
  /** The job type chosen in the form. */
  jobType(): JobType;
  /** Submits a job of the chosen type over an uploaded file, shown as the form shows a submission. */
  submitUpload(uploadId: string): Promise<void>;
}

/** A control beside the payload editor that gives the job its input, e.g. a file upload. */
export interface PayloadSource {
  render(input: PayloadInput, api: ApiClient): HTMLElement;
}

export const jobActions: JobAction[] = [];
export const payloadSources: PayloadSource[] = [];
