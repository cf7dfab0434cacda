import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { drift } from '../../scripts/generate-api.js';
import { projectRoot } from '../support/paths.js';

describe('api/ is generated from openapi.yaml', () => {
  it('matches what `npm run generate` produces now (edit the spec, then regenerate)', async () => {
    expect(await drift()).toEqual([]);
  });

  it('notices a schema changed in the spec without regenerating', async () => {
    const spec = readFileSync(join(projectRoot, 'openapi.yaml'), 'utf8');
    const edited = spec.replace(
      '      enum: [echo, word-count, sha256]',
      '      enum: [echo, word-count, sha256, resize]',
    );
    expect(edited).not.toBe(spec);
    expect(await drift(edited)).toEqual(expect.arrayContaining(['api/openapi.json', 'api/schema.d.ts']));
  });
});
