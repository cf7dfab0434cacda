import { once, readConfig } from '../lib/config.js';
import { sqsBatchHandler } from '../lib/sqs.js';
import { DEAD_LETTER_SETTINGS, deadLetters } from '../jobs/composition.js';
import type { DeadLetters } from '../jobs/dead-letter.js';

/** What this function reads from its environment (template.yaml declares exactly these for it). */
export const settings = DEAD_LETTER_SETTINGS;

/** SQS-triggered by the jobs DLQ: marks each dead-lettered job failed; a failed update is retried. */
export function jobDlqHandler(letters: () => DeadLetters) {
  return sqsBatchHandler((body, delivery) => letters().fail(body, delivery), letters);
}

export const handler = jobDlqHandler(once(() => deadLetters(readConfig(settings))));
