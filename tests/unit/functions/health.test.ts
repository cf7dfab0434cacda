import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { handler } from '../../../src/functions/health.js';
import { contractViolations } from '../../support/contract.js';
import { apiEvent } from '../../support/events.js';
import { projectRoot } from '../../support/paths.js';

const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string };

describe('GET /health', () => {
  it('answers 200 with the package version, as the spec declares', async () => {
    const result = await handler(apiEvent('health'));
    const body = JSON.parse(result.body) as unknown;
    expect(result.statusCode).toBe(200);
    expect(body).toEqual({ status: 'ok', version: pkg.version });
    expect(contractViolations('getHealth', 200, result.headers?.['Content-Type'] as string, body)).toEqual(
      [],
    );
  });

  it('refuses an operation this function does not serve with a problem, not a crash', async () => {
    const result = await handler(
      apiEvent('health', { requestContext: { operationName: 'deleteUser' } as never }),
    );
    expect(result.statusCode).toBe(404);
    expect(result.headers?.['Content-Type']).toBe('application/problem+json');
    expect(JSON.parse(result.body)).toMatchObject({ status: 404, title: 'Not Found' });
  });
});
