import { once, readConfig } from '../lib/config.js';
import { sqsBatchHandler } from '../lib/sqs.js';
import { jobProcessor, PROCESSOR_SETTINGS } from '../jobs/composition.js';
import type { JobProcessor } from '../jobs/process.js';

/** What this function reads from its environment (template.yaml declares exactly these for it). */
export const settings = PROCESSOR_SETTINGS;

/** SQS-triggered: processes each job of the batch; only the records that failed go back to the queue. */
export function jobProcessorHandler(processor: () => JobProcessor) {
  return sqsBatchHandler((body, delivery) => processor().process(body, delivery), processor);
}

export const handler = jobProcessorHandler(once(() => jobProcessor(readConfig(settings))));
