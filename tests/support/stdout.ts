/**
 * What a function writes to stdout, as Lambda would ship it to CloudWatch Logs: Powertools Metrics
 * writes its EMF lines through a Console on process.stdout, so tests read them there.
 */

/** Collects the lines written to process.stdout until `restore`. */
export function captureStdout() {
  const original = process.stdout.write.bind(process.stdout);
  let text = '';
  process.stdout.write = (chunk: string | Uint8Array) => {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  };
  return {
    lines: () => text.split('\n').filter((l) => l.trim() !== ''),
    restore: () => {
      process.stdout.write = original;
    },
  };
}

/**
 * Metrics on, in a namespace and service of the test's choosing, as template.yaml's Globals set them
 * (tests/support/quiet-logs.ts turns them off for every other test), in a container Lambda started
 * on demand: AWS_LAMBDA_INITIALIZATION_TYPE=on-demand, which Powertools needs to report a cold start
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime).
 * Returns the undo.
 */
export function metricsEnvironment(options: { namespace: string; service: string }): () => void {
  const keys = [
    'POWERTOOLS_METRICS_DISABLED',
    'POWERTOOLS_METRICS_NAMESPACE',
    'POWERTOOLS_SERVICE_NAME',
    'AWS_LAMBDA_INITIALIZATION_TYPE',
  ];
  const saved = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
  process.env.AWS_LAMBDA_INITIALIZATION_TYPE = 'on-demand';
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  process.env.POWERTOOLS_METRICS_NAMESPACE = options.namespace;
  process.env.POWERTOOLS_SERVICE_NAME = options.service;
  return () => {
    for (const k of keys) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  };
}
