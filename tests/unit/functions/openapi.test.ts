import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { handler } from '../../../src/functions/openapi.js';
import { apiEvent } from '../../support/events.js';
import { projectRoot } from '../../support/paths.js';

describe('GET /openapi.json', () => {
  it('publishes the same paths and schemas as openapi.yaml, without gateway plumbing or x-function', async () => {
    const result = await handler(apiEvent('openapi'));
    expect(result.statusCode).toBe(200);
    const published = JSON.parse(result.body) as { paths: object; components: { schemas: object } };
    const source = parse(readFileSync(join(projectRoot, 'openapi.yaml'), 'utf8')) as typeof published;
    expect(Object.keys(published.paths)).toEqual(Object.keys(source.paths));
    expect(Object.keys(published.components.schemas)).toEqual(Object.keys(source.components.schemas));
    expect(result.body).not.toContain('x-amazon-apigateway');
    expect(result.body).not.toContain('x-function');
  });
});
