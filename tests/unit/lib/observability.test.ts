import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { tracingEnabled } from '../../../src/lib/observability.js';
import { projectRoot } from '../../support/paths.js';

const run = promisify(execFile);

describe('tracing', () => {
  const lambda = { AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x', AWS_LAMBDA_FUNCTION_NAME: 'fn' };

  it('is on in Lambda and off when disabled, under sam local / the local stack, or outside Lambda', () => {
    expect(tracingEnabled(lambda)).toBe(true);
    expect(tracingEnabled({ ...lambda, POWERTOOLS_TRACE_ENABLED: 'false' })).toBe(false);
    expect(tracingEnabled({ ...lambda, AWS_SAM_LOCAL: 'true' })).toBe(false);
    expect(tracingEnabled({ AWS_LAMBDA_FUNCTION_NAME: 'fn' })).toBe(false);
    expect(tracingEnabled({})).toBe(false);
  });

  it('loads the X-Ray SDK only in a container that traces', async () => {
    // A fresh process per environment: the Tracer decision is made once, at module load.
    const probe = `
      const { tracer, traced } = await import('./src/lib/observability.ts');
      const { SQSClient } = await import('@aws-sdk/client-sqs');
      const client = traced(new SQSClient({}));
      const xray = client.middlewareStack.identify().some((m) => /xray/i.test(m));
      console.log(JSON.stringify({ tracer: tracer !== undefined, xray }));`;
    const runWith = async (env: Record<string, string>) => {
      const { stdout } = await run(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', probe],
        {
          cwd: projectRoot,
          env: {
            PATH: process.env.PATH ?? '',
            POWERTOOLS_LOG_LEVEL: 'SILENT',
            AWS_REGION: 'us-east-1',
            ...env,
          },
        },
      );
      return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { tracer: boolean; xray: boolean };
    };
    expect(await runWith({})).toEqual({ tracer: false, xray: false });
    expect(await runWith(lambda)).toEqual({ tracer: true, xray: true });
  }, 30_000);
});
