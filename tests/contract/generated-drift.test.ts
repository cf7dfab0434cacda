import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { drift, generate } from '../../scripts/generate-api.js';
import { projectRoot } from '../support/paths.js';

const spec = readFileSync(join(projectRoot, 'openapi.yaml'), 'utf8');
const edit = (from: string, to: string) => {
  const edited = spec.replace(from, to);
  expect(edited).not.toBe(spec);
  return edited;
};

describe('api/ is generated from openapi.yaml', () => {
  it('matches what `npm run generate` produces now (edit the spec, then regenerate)', async () => {
    expect(Object.keys(await generate()).sort()).toEqual([
      'api/client.ts',
      'api/gateway.yaml',
      'api/openapi.json',
      'api/operations.json',
      'api/schema.d.ts',
      'api/validators.d.ts',
      'api/validators.js',
    ]);
    expect(await drift()).toEqual([]);
  });

  it('notices a schema changed in the spec without regenerating', async () => {
    const edited = edit(
      '      enum: [echo, word-count, sha256, csv-stats]',
      '      enum: [echo, word-count, sha256, csv-stats, resize]',
    );
    expect(await drift(edited)).toEqual(
      expect.arrayContaining([
        'api/openapi.json',
        'api/schema.d.ts',
        'api/validators.js',
        'api/gateway.yaml',
      ]),
    );
  });

  it("notices an operation's security or function changed without regenerating", async () => {
    const opened = edit(
      "      summary: The caller's jobs, newest first\n      security: [{ CognitoAuthorizer: [] }]",
      "      summary: The caller's jobs, newest first\n      security: []",
    );
    expect(await drift(opened)).toEqual(
      expect.arrayContaining(['api/openapi.json', 'api/operations.json', 'api/gateway.yaml']),
    );
    const moved = edit('      x-function: HealthFunction', '      x-function: OpenApiFunction');
    expect(await drift(moved)).toEqual(['api/gateway.yaml']);
  });

  it('names every schema of the contract, and gives enums their values at run time (api/client.ts)', async () => {
    const grown = edit(
      '  schemas:\n    Problem:',
      "  schemas:\n    Colour:\n      type: string\n      enum: [red, \"it's blue\"]\n    Widget:\n      type: object\n      properties:\n        colour: { $ref: '#/components/schemas/Colour' }\n    Problem:",
    );
    const files = await generate(grown);
    expect(files['api/schema.d.ts']).toContain("export type Widget = components['schemas']['Widget'];");
    expect(files['api/client.ts']).toContain(
      `export const colourValues = ['red', "it's blue"] as const satisfies readonly Colour[];`,
    );
    expect(await drift(grown)).toEqual(expect.arrayContaining(['api/schema.d.ts', 'api/client.ts']));
  });

  it('lists the secured operations the auth middleware sends the token to (api/client.ts)', async () => {
    const files = await generate();
    expect(files['api/client.ts']).toContain("'GET /jobs',");
    expect(files['api/client.ts']).not.toContain("'POST /auth/login'");
    const opened = edit(
      "      summary: The caller's jobs, newest first\n      security: [{ CognitoAuthorizer: [] }]",
      "      summary: The caller's jobs, newest first\n      security: []",
    );
    expect((await generate(opened))['api/client.ts']).not.toContain("'GET /jobs',");
  });
});
