/**
 * A resource the template declares that an emulator refuses to create stops the start with one
 * clear line and a non-zero exit, instead of a "ready" stack whose functions fail later.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyFixture } from '../support/paths.js';
import { runToExit } from '../../src/public/testing.js';

it('exits non-zero naming a table the DynamoDB emulator refuses to create', async () => {
  const app = await mkdtemp(join(tmpdir(), 'local-stack-broken-'));
  try {
    await copyFixture('sam-app', app);
    const template = join(app, 'template.yaml');
    // Its key names an attribute it never defines: DynamoDB refuses such a table (ValidationException).
    const broken = [
      '  BrokenTable:',
      '    Type: AWS::DynamoDB::Table',
      '    Properties:',
      '      BillingMode: PAY_PER_REQUEST',
      '      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]',
      '      KeySchema: [{ AttributeName: missing, KeyType: HASH }]',
      '',
    ].join('\n');
    await writeFile(
      template,
      (await readFile(template, 'utf8')).replace('Resources:\n', `Resources:\n${broken}`),
    );

    const run = await runToExit(
      ['--port', '0', '--no-watch', '--fresh', '--data', join(app, '.data'), '--template', template],
      { timeoutMs: 60000 },
    );
    expect(run.code).toBe(1);
    const errors = run.output.split('\n').filter((l) => l.startsWith('error:'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^error: could not create a resource of the template: AWS::DynamoDB::Table BrokenTable: ValidationException/,
    );
    expect(run.output).not.toContain('Local stack ready');
  } finally {
    await rm(app, { recursive: true, force: true });
  }
}, 90000);
